package dev.augur.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.augur.behavior.MousePairSimulator;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * The MABe reader fed arbitrary bytes in place of a tracking or an annotation Parquet file of an otherwise whole
 * layout (the first byte picks which): it reads them or refuses them with one of our input errors naming the file;
 * anything else — another exception, a crash inside DuckDB, a hang — is a finding. {@code mvn verify} replays the
 * saved inputs under {@code src/test/resources/dev/augur/parquet/MabeFuzzTestInputs/}; {@code -Pfuzz} runs a
 * campaign.
 */
class MabeFuzzTest {
    private static Path root;
    private static Path tracking;
    private static Path annotation;
    private static byte[] trackingBytes;
    private static byte[] annotationBytes;

    /** One small layout, made once (in memory where the machine has /dev/shm): a campaign reads it many times. */
    private static synchronized void layout() throws IOException {
        if (root != null) {
            return;
        }
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "augur-mabe-fuzz")
                : Files.createTempDirectory("augur-mabe-fuzz");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                AtomicFiles.deleteTree(dir);
            } catch (IOException ignored) {
                // a temporary folder: the system cleans it otherwise
            }
        }));
        MabeWriter.write(
                new MousePairSimulator(new MousePairSimulator.Config(2.0, 0.005)).videos("sim/v", 1, 60, 4),
                dir,
                "train",
                "simlab",
                1.0);
        tracking = only(dir.resolve("train_tracking/simlab"));
        annotation = only(dir.resolve("train_annotation/simlab"));
        trackingBytes = Files.readAllBytes(tracking);
        annotationBytes = Files.readAllBytes(annotation);
        root = dir;
    }

    private static Path only(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findFirst().orElseThrow(() -> new IOException(folder + ": the writer wrote nothing"));
        }
    }

    // a campaign stops at a million runs or at 45 minutes (reads run at about 90 a second with a database opened per
    // read, several hundred with the shared one)
    @FuzzTest(maxDuration = "45m", maxExecutions = 1_000_000)
    void trackingOrAnnotationParquet(byte[] bytes) throws Exception {
        layout();
        boolean annotations = bytes.length > 0 && (bytes[0] & 1) == 1;
        byte[] body = bytes.length > 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        Path damaged = annotations ? annotation : tracking;
        Files.write(damaged, body);
        try {
            MabeLayout.read(root, "train");
        } catch (IOException | IllegalArgumentException refused) {
            assertThat(refused.getMessage())
                    .as("the error names the file: %s", refused)
                    .contains(damaged.getFileName().toString());
        } finally {
            Files.write(tracking, trackingBytes);
            Files.write(annotation, annotationBytes);
        }
    }
}
