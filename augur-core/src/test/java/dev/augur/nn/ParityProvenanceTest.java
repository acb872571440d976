package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.augur.io.Sha256;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every golden fixture says what made it — the script in {@code reference/} and its SHA-256, and for upstream
 * fixtures the upstream commit — and the script named is the one in the repository: a script edited without its
 * fixtures being written again fails here, so no fixture outlives the code that is supposed to have made it.
 */
class ParityProvenanceTest {
    private static final Pattern SCRIPT = Pattern.compile("script=(reference/\\S+\\.py) sha256=([0-9a-f]{64})");
    private static final Pattern UPSTREAM_COMMIT = Pattern.compile("(upstream=\\S+.* )?commit=[0-9a-f]{7,40}");

    @Test
    void everyFixtureNamesTheCurrentScriptThatMadeIt() throws Exception {
        Path repository = repository();
        List<Path> folders = fixtureFolders();
        assertThat(folders).as("fixture folders found").hasSizeGreaterThan(15);
        List<String> problems = new ArrayList<>();
        for (Path folder : folders) {
            problems.addAll(problems(folder, repository));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aFixtureFromAnotherScriptVersionOrWithoutItsUpstreamCommitIsCaught() throws Exception {
        Path repository = repository();
        Path folder = Files.createTempDirectory("augur-provenance");
        try {
            Files.writeString(
                    folder.resolve("case.txt"), "script=reference/cells_reference.py sha256=" + "0".repeat(64));
            Files.write(folder.resolve("upstream.loss.npy"), new byte[] {1});
            assertThat(problems(folder, repository))
                    .hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("another version of reference/cells_reference.py"))
                    .anySatisfy(p -> assertThat(p).contains("names no upstream commit"));
            Files.writeString(folder.resolve("case.txt"), "made by hand");
            assertThat(problems(folder, repository))
                    .anySatisfy(p -> assertThat(p).contains("says no script"));
        } finally {
            Files.delete(folder.resolve("case.txt"));
            Files.delete(folder.resolve("upstream.loss.npy"));
            Files.delete(folder);
        }
    }

    private static Path repository() {
        Path repository = Path.of("").toAbsolutePath().getParent();
        assumeThat(repository.resolve("reference"))
                .as("the reference scripts sit in ../reference beside this module")
                .isDirectory();
        return repository;
    }

    /** What is wrong with one fixture folder's account of where it came from; empty when nothing. */
    private static List<String> problems(Path folder, Path repository) throws Exception {
        List<String> problems = new ArrayList<>();
        String said = provenance(folder);
        Matcher m = SCRIPT.matcher(said);
        int scripts = 0;
        while (m.find()) {
            scripts++;
            Path script = repository.resolve(m.group(1));
            if (!Files.isRegularFile(script)) {
                problems.add(folder + " names " + m.group(1) + ", which does not exist");
            } else if (!Sha256.of(script).equals(m.group(2))) {
                problems.add(folder + " was made by another version of " + m.group(1) + ": run it again");
            }
        }
        if (scripts == 0) {
            problems.add(folder + " says no script that made it (script=reference/<name>.py sha256=<hex>)");
        }
        if (hasUpstreamFiles(folder) && !UPSTREAM_COMMIT.matcher(said).find()) {
            problems.add(folder + " holds upstream's outputs but names no upstream commit");
        }
        return problems;
    }

    /** Folders under the test resources that hold a fixture (.npy, .pt, .pth or checkpoint files). */
    private static List<Path> fixtureFolders() throws IOException, URISyntaxException {
        List<Path> out = new ArrayList<>();
        for (String root : List.of("/parity/losses/case.txt", "/dev/augur/io/small.pt")) {
            Path base = Path.of(ParityProvenanceTest.class.getResource(root).toURI())
                    .getParent();
            Path walkFrom = root.startsWith("/parity") ? base.getParent() : base;
            try (Stream<Path> all = Files.walk(walkFrom)) {
                all.filter(Files::isDirectory)
                        .filter(ParityProvenanceTest::holdsFixture)
                        .forEach(out::add);
            }
        }
        return out;
    }

    private static boolean holdsFixture(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .anyMatch(
                            n -> n.endsWith(".npy") || n.endsWith(".pt") || n.endsWith(".pth") || n.contains(".ckpt"));
        } catch (IOException e) {
            throw new IllegalStateException(folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasUpstreamFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("upstream."));
        }
    }

    /** case.txt and every *provenance.txt of the folder, joined. */
    private static String provenance(Path folder) throws IOException {
        StringBuilder said = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.equals("case.txt") || n.endsWith("provenance.txt")) {
                    said.append(Files.readString(f)).append('\n');
                }
            }
        }
        return said.toString();
    }
}
