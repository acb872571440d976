package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resampling by timestamp on a square moving at a known speed, through three codecs and containers. */
class VideoReaderTest {
    private static final int W = 160;
    private static final int H = 120;
    private static final double SECONDS = 4;
    private static final double SPEED = 30; // px/s

    static double trueX(double t) {
        return 20 + SPEED * t;
    }

    /** A 12×12 square, anti-aliased so its centre moves smoothly. */
    static float[] frame(double cx, double cy) {
        float[] f = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double ox = Math.max(0, Math.min(x + 1, cx + 6) - Math.max(x, cx - 6));
                double oy = Math.max(0, Math.min(y + 1, cy + 6) - Math.max(y, cy - 6));
                f[y * W + x] = (float) (0.1 + 0.8 * ox * oy);
            }
        }
        return f;
    }

    static Path write(Path dir, String name, double fps) throws Exception {
        Path file = dir.resolve(name);
        try (VideoWriter w = VideoWriter.open(file, W, H, fps)) {
            int n = (int) Math.round(SECONDS * fps);
            for (int i = 0; i < n; i++) {
                w.write(frame(trueX(i / fps), 60));
            }
        }
        return file;
    }

    static double centroidX(float[] p) {
        double sum = 0;
        double mass = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double v = Math.max(0, p[y * W + x] - 0.3);
                sum += v * (x + 0.5);
                mass += v;
            }
        }
        return sum / mass;
    }

    @ParameterizedTest
    @CsvSource({
        "square.mp4, 25",
        "square.mp4, 60",
        "square.avi, 25",
        "square.avi, 60",
        "square.webm, 25",
        "square.webm, 60"
    })
    void resamplesToThirtyFramesPerSecondKeepingTheSquareWithinOnePixel(String name, double fps, @TempDir Path dir)
            throws Exception {
        Path file = write(dir, name, fps);
        List<VideoReader.GreyFrame> frames = new ArrayList<>();
        try (VideoReader r = VideoReader.open(file, new VideoReader.Options(H, W, 30, null))) {
            VideoReader.GreyFrame f;
            while ((f = r.next()) != null) {
                frames.add(f);
            }
        }
        assertThat(frames.size()).isBetween((int) (SECONDS * 30) - 1, (int) (SECONDS * 30) + 1);
        for (VideoReader.GreyFrame f : frames) {
            assertThat(f.time()).isEqualTo(f.index() / 30.0);
            assertThat(centroidX(f.pixels()))
                    .as("frame %d at %.3f s", f.index(), f.time())
                    .isCloseTo(trueX(f.time()), Offset.offset(1.0));
        }
    }

    @Test
    void cropsARegionOfInterestAndResizesIt(@TempDir Path dir) throws Exception {
        Path file = write(dir, "square.mkv", 30);
        try (VideoReader r =
                VideoReader.open(file, new VideoReader.Options(30, 40, 30, new VideoReader.Roi(0, 30, 80, 60)))) {
            VideoReader.GreyFrame f = r.next();
            assertThat(f.pixels()).hasSize(30 * 40);
            // the square (centre x 20, y 60 in source) sits at (10, 15) in the half-size crop
            int peak = 0;
            for (int i = 0; i < f.pixels().length; i++) {
                peak = f.pixels()[i] > f.pixels()[peak] ? i : peak;
            }
            assertThat(Math.abs(peak % 40 - 10)).isLessThanOrEqualTo(3);
            assertThat(Math.abs(peak / 40 - 15)).isLessThanOrEqualTo(3);
        }
    }

    @Test
    void brokenVideosGetErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        Path garbage = dir.resolve("garbage.mp4");
        Files.write(garbage, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        // FFmpeg's reason, without its context prefix, and none of JavaCV's advice to developers
        assertThatThrownBy(() -> VideoReader.open(garbage, VideoReader.Options.seed000()))
                .hasMessage(garbage + ": not a readable video (moov atom not found)");

        Path good = write(dir, "good.mp4", 30);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.mp4");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 3));
        assertThatThrownBy(() -> {
                    try (VideoReader r = VideoReader.open(truncated, VideoReader.Options.seed000())) {
                        while (r.next() != null) {
                            // read to the end
                        }
                    }
                })
                .hasMessageContaining(truncated.toString());

        Path empty = dir.resolve("empty.mp4");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> VideoReader.open(empty, VideoReader.Options.seed000()))
                .hasMessageContaining("empty.mp4");
        assertThatThrownBy(() -> VideoReader.open(dir.resolve("none.mp4"), VideoReader.Options.seed000()))
                .hasMessageContaining("none.mp4");
        assertThat(dir.resolve("good.mp4")).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")))
                    .isEmpty();
        }
    }

    /** Frames of {@code file}, read to the end. */
    private static int decodeAll(Path file) throws Exception {
        int n = 0;
        try (VideoReader r = VideoReader.open(file, VideoReader.Options.seed000())) {
            while (r.next() != null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aTruncatedOrCorruptFileFailsUnlessDamageIsAllowed(@TempDir Path dir) throws Exception {
        Path good = write(dir, "good.mkv", 30);
        assertThat(decodeAll(good)).isEqualTo(120);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.mkv");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        byte[] flipped = bytes.clone();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            int k = flipped.length / 4 + random.nextInt(flipped.length / 2);
            flipped[k] ^= (byte) (1 << random.nextInt(8));
        }
        Path corrupt = dir.resolve("corrupt.mkv");
        Files.write(corrupt, flipped);

        assertThatThrownBy(() -> decodeAll(truncated))
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("of the 4.00 s its container declares")
                .hasMessageContaining("--allow-damaged");
        assertThatThrownBy(() -> decodeAll(corrupt))
                .hasMessageContaining(corrupt.toString())
                .hasMessageContaining("decoding error");
        System.setProperty(VideoReader.ALLOW_DAMAGED, "true");
        try {
            assertThat(decodeAll(truncated)).isBetween(55, 65);
            assertThat(decodeAll(corrupt)).isGreaterThan(0);
        } finally {
            System.clearProperty(VideoReader.ALLOW_DAMAGED);
        }
        assertThat(decodeAll(good)).as("a whole file after damaged ones").isEqualTo(120);

        // decoded at the same time as the corrupt one (Spark's tasks do this), the whole file stays whole
        AtomicBoolean done = new AtomicBoolean();
        Thread damage = new Thread(() -> {
            while (!done.get()) {
                try {
                    decodeAll(corrupt);
                } catch (Exception expected) {
                    // damaged, as asserted above
                }
            }
        });
        damage.start();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(decodeAll(good))
                        .as("a whole file beside a damaged one, pass %d", i)
                        .isEqualTo(120);
            }
        } finally {
            done.set(true);
            damage.join();
        }
    }
}
