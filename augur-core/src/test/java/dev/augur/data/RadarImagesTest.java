package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small radar folder: train/ and test/ of recordings, one grey PNG per frame, intensity = grey level. */
class RadarImagesTest {
    @TempDir
    Path root;

    private void recording(String split, String name, int frames, int base) throws IOException {
        Path dir = root.resolve(split).resolve(name);
        Files.createDirectories(dir);
        for (int i = 0; i < frames; i++) {
            BufferedImage img = new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY);
            int v = base + i;
            for (int y = 0; y < 50; y++) {
                for (int x = 0; x < 50; x++) {
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
            ImageIO.write(
                    img,
                    "png",
                    dir.resolve(String.format("%s_%03d.png", name, i)).toFile());
        }
    }

    private RadarImages radar(int stride) throws IOException {
        return new RadarImages(new RadarImages.Config(root.toString(), 20, stride), 1);
    }

    @Test
    void cutsWindowsWithinEachRecordingInFileOrder() throws IOException {
        recording("train", "2024-06-01", 25, 10);
        recording("train", "2024-06-02", 9, 100);
        recording("test", "2024-07-01", 20, 50);
        Clips train = radar(5).windows(true, 10);
        // 25 frames, stride 5: windows at 0, 5, 10, 15; the 9-frame recording gives none; none spans two
        assertThat(train.count()).isEqualTo(4);
        assertThat(train.shape().getShape()).containsExactly(4, 10, 1, 20, 20);
        int frame = 20 * 20;
        assertThat(train.data()[(1 * 10 + 0) * frame]).isCloseTo(15 / 255f, offset(1e-6f));
        assertThat(train.data()[(3 * 10 + 9) * frame]).isCloseTo(34 / 255f, offset(1e-6f));
        assertThat(radar(0).windows(true, 10).count())
                .as("stride 0 = the window length")
                .isEqualTo(2);
        Clips test = radar(0).testSet(2, 10);
        assertThat(test.data()[0]).isCloseTo(50 / 255f, offset(1e-6f));
        assertThat(radar(0).trainingBatch(3, 4, 10).data())
                .isEqualTo(radar(0).trainingBatch(3, 4, 10).data());
    }

    @Test
    void aCorruptImageIsAnErrorNamingIt() throws IOException {
        recording("train", "a", 12, 0);
        recording("test", "b", 12, 0);
        Path bad = root.resolve("train/a/a_004.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        assertThatThrownBy(() -> radar(0).windows(true, 10)).hasMessageContaining(bad.toString());
    }

    @Test
    void aFolderWithoutSplitsOrLongEnoughRecordingsIsRejected() throws IOException {
        assertThatThrownBy(() -> radar(0)).hasMessageContaining("train");
        recording("train", "a", 5, 0);
        recording("test", "b", 5, 0);
        assertThatThrownBy(() -> radar(0).windows(false, 10)).hasMessageContaining("no recording has 10 frames");
    }
}
