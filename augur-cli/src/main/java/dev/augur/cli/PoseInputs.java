package dev.augur.cli;

import dev.augur.behavior.CalMs21Json;
import dev.augur.behavior.PoseVideo;
import dev.augur.parquet.MabeLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The videos behind {@code --data}: a CalMS21 task-1 JSON file, or a folder in the Kaggle MABe layout. */
final class PoseInputs {
    private PoseInputs() {}

    static List<PoseVideo> read(Path data, String split) throws IOException {
        if (!Files.isDirectory(data)) {
            return CalMs21Json.read(data);
        }
        MabeLayout.Result r = MabeLayout.read(data, split);
        MabeLayout.Summary s = r.summary();
        System.out.printf(
                "%s (MABe layout, %s): %d videos -> %d agent/target pairs; %d resampled to 30 Hz; %d body "
                        + "parts stood in for; tracked parts not used: %s; %d frames of actions outside the vocabulary "
                        + "left unlabelled%n",
                data,
                split,
                s.videos(),
                s.pairs(),
                s.resampledVideos(),
                s.substitutedParts(),
                s.ignoredParts().isEmpty() ? "none" : s.ignoredParts(),
                s.unlabelledFrames());
        return r.videos();
    }
}
