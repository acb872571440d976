package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A radar image folder from the command line: train, then test with CSI/POD/FAR; a corrupt image named. */
class RadarCliTest {
    private final CommandRunner cli = new CommandRunner();

    private static void recording(Path dir, int frames, int offset) throws Exception {
        Files.createDirectories(dir);
        for (int t = 0; t < frames; t++) {
            BufferedImage img = new BufferedImage(24, 24, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 24; x++) {
                    // a bright echo drifting right by one pixel a frame
                    int d = Math.abs(x - (t + offset) % 24) + Math.abs(y - 12);
                    img.getRaster().setSample(x, y, 0, Math.max(0, 250 - 40 * d));
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("%03d.png", t)).toFile());
        }
    }

    @Test
    void trainsOnARadarFolderAndScoresCsiPodFar(@TempDir Path dir) throws Exception {
        Path radar = dir.resolve("radar");
        recording(radar.resolve("train/day1"), 30, 0);
        recording(radar.resolve("train/day2"), 30, 7);
        recording(radar.resolve("test/day3"), 20, 3);
        Path run = dir.resolve("run");
        assertThat(cli.run(
                        "video",
                        "train",
                        "--data",
                        "radar-images",
                        "--radar-dir",
                        radar.toString(),
                        "--size",
                        "16",
                        "--radar-stride",
                        "2",
                        "--input-length",
                        "3",
                        "--future",
                        "2",
                        "--hidden",
                        "4",
                        "--filter",
                        "3",
                        "--patch",
                        "2",
                        "--steps",
                        "4",
                        "--batch-size",
                        "2",
                        "--out",
                        run.toString()))
                .as(cli.err())
                .isZero();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(cli.run(
                            "video",
                            "test",
                            "--model",
                            run.resolve("model").toString(),
                            "--sequences",
                            "4",
                            "--future",
                            "2"))
                    .as(cli.err())
                    .isZero();
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("intensity >= 0.429: CSI").contains("POD").contains("FAR");
        assertThat(Files.readString(run.resolve("model/metrics.json")))
                .contains("\"thresholds\"")
                .contains("\"csi\"");

        Path bad = radar.resolve("test/day3/005.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1});
        assertThat(cli.run(
                        "video",
                        "test",
                        "--model",
                        run.resolve("model").toString(),
                        "--sequences",
                        "4",
                        "--future",
                        "2"))
                .isEqualTo(1);
        assertThat(cli.err()).contains(bad.toString());
    }
}
