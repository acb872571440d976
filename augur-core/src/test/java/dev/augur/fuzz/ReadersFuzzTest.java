package dev.augur.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.augur.behavior.CalMs21Json;
import dev.augur.data.IdxFiles;
import dev.augur.data.ImageFolderVideo;
import dev.augur.data.NumpyFiles;
import dev.augur.data.PredRnnNpz;
import dev.augur.data.VideoReader;
import dev.augur.engine.AugurEngine;
import dev.augur.events.BurstSeries;
import dev.augur.events.ForecastComparison;
import dev.augur.io.AtomicFiles;
import dev.augur.io.TorchCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every reader of a user's file, fed arbitrary bytes: it either reads them or refuses them with one of our input
 * errors (IOException or IllegalArgumentException) whose message names the file. Anything else — another
 * exception, a crash, a hang, an allocation the header asked for — is a finding.
 *
 * <p>{@code mvn verify} replays the saved inputs under {@code src/test/resources/dev/augur/fuzz/ReadersFuzzTestInputs/}
 * in seconds; {@code -Pfuzz} runs a campaign ({@code JAZZER_FUZZ=1}, one target, see BENCHMARKS.md).
 */
class ReadersFuzzTest {
    /** One folder for every execution (in memory where the machine has /dev/shm): a campaign runs millions. */
    private static Path scratch;

    private static synchronized Path scratch() throws IOException {
        if (scratch == null) {
            Path shm = Path.of("/dev/shm");
            scratch = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "augur-fuzz")
                    : Files.createTempDirectory("augur-fuzz");
            Path made = scratch;
            // the whole tree: deleteOnExit removes only an empty folder, and the PNG target leaves one inside
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    AtomicFiles.deleteTree(made);
                } catch (IOException ignored) {
                    // a temporary folder: the system cleans it otherwise
                }
            }));
        }
        return scratch;
    }

    /** Writes {@code bytes} where a user's file would be and checks how {@code reader} answers. */
    private static void read(String name, byte[] bytes, Reader reader) throws Exception {
        Path file = scratch().resolve(name);
        Files.write(file, bytes);
        try {
            reader.read(file);
        } catch (IOException | IllegalArgumentException refused) {
            assertThat(refused.getMessage())
                    .as("the error names the file: %s", refused)
                    .contains(name);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private interface Reader {
        void read(Path file) throws Exception;
    }

    @FuzzTest(maxDuration = "5m")
    void npy(byte[] bytes) throws Exception {
        AugurEngine.cpu();
        read("input.npy", bytes, f -> {
            try (NDManager m = NDManager.newBaseManager()) {
                NumpyFiles.read(m, f);
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void predRnnNpz(byte[] bytes) throws Exception {
        AugurEngine.cpu();
        read("clips.npz", bytes, f -> {
            try (NDManager m = NDManager.newBaseManager()) {
                PredRnnNpz.read(m, f);
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void idx(byte[] bytes) throws Exception {
        read("train-images-idx3-ubyte", bytes, IdxFiles::read);
    }

    @FuzzTest(maxDuration = "5m")
    void torchCheckpoint(byte[] bytes) throws Exception {
        read("model.ckpt-1000", bytes, TorchCheckpoint::read);
    }

    @FuzzTest(maxDuration = "5m")
    void calMs21Json(byte[] bytes) throws Exception {
        read("calms21_task1.json", bytes, CalMs21Json::read);
    }

    @FuzzTest(maxDuration = "5m")
    void burstSeriesCsv(byte[] bytes) throws Exception {
        read("labels.csv", bytes, BurstSeries::read);
    }

    /** Ten labelled frames, for the forecasts reader to check frame numbers against. */
    private static BurstSeries tenFrames() throws IOException {
        Path f = Files.createTempFile("augur-fuzz-series", ".csv");
        StringBuilder csv = new StringBuilder("frame,time,motion_energy,label,baseline_probability\n");
        for (int t = 0; t < 10; t++) {
            csv.append(t)
                    .append(',')
                    .append(t / 30.0)
                    .append(",0.001,")
                    .append(t % 2)
                    .append(",0.5\n");
        }
        Files.writeString(f, csv);
        try {
            return BurstSeries.read(f);
        } finally {
            Files.delete(f);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void forecastsCsv(byte[] bytes) throws Exception {
        BurstSeries series = tenFrames();
        read("forecasts.csv", bytes, f -> ForecastComparison.readForecasts(f, series));
    }

    // ImageIO decodes 1,800-2,300 a second here: a campaign stops at a million runs, or at 20 minutes
    @FuzzTest(maxDuration = "20m", maxExecutions = 1_000_000)
    void pngFrame(byte[] bytes) throws Exception {
        Path frames = Files.createDirectories(scratch().resolve("frames"));
        Files.write(frames.resolve("00001.png"), bytes);
        try (ImageFolderVideo v = ImageFolderVideo.open(frames, new VideoReader.Options(12, 16, 30, null))) {
            while (v.next() != null) {
                // read every frame
            }
        } catch (IOException | IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("the error names the file").contains("frames");
        } finally {
            Files.deleteIfExists(frames.resolve("00001.png"));
        }
    }

    @FuzzTest(maxDuration = "5m")
    void videoThroughFfmpeg(byte[] bytes) throws Exception {
        read("video.mkv", bytes, f -> {
            try (VideoReader v = VideoReader.open(f, new VideoReader.Options(12, 16, 30, null))) {
                for (int i = 0; i < 1000 && v.next() != null; i++) {
                    // a bounded read: a header may claim hours of video
                }
            }
        });
    }
}
