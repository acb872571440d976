package dev.augur.events;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find seed 000's published series: {@code ../shared/data/fish-lin2021} beside the checkout (as
 * on CI), searched upwards from the module folder, or {@code $AUGUR_FISH_LIN2021}. A clone without it skips the
 * real-data tests with a message naming the folder.
 */
final class RealFishData {
    private RealFishData() {}

    static Path folder() {
        String env = System.getenv("AUGUR_FISH_LIN2021");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/fish-lin2021");
            if (Files.isRegularFile(candidate.resolve("train/Y_tilde.npy"))) {
                return candidate;
            }
        }
        Assumptions.abort("real fish data not found: ../shared/data/fish-lin2021 (beside the checkout) is missing;"
                + " set AUGUR_FISH_LIN2021 to a copy to run these tests");
        return null;
    }
}
