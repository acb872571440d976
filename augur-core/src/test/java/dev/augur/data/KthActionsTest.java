package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small folder in exactly the KTH layout e3d_lstm reads: action / personXX_action_dN_uncomp / image_NNNN.jpg. */
class KthActionsTest {
    @TempDir
    Path root;

    private void person(String action, int person, int frames) throws IOException {
        Path dir = root.resolve(action).resolve(String.format("person%02d_%s_d1_uncomp", person, action));
        Files.createDirectories(dir);
        for (int i = 1; i <= frames; i++) {
            BufferedImage img = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
            int v = (person * 10 + i) % 256;
            for (int y = 0; y < 24; y++) {
                for (int x = 0; x < 32; x++) {
                    img.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            ImageIO.write(
                    img, "jpg", dir.resolve(String.format("image_%04d.jpg", i)).toFile());
        }
    }

    @Test
    void cutsWindowsAsE3dLstmDoesAndSplitsByPerson() throws IOException {
        person("boxing", 1, 25);
        person("jogging", 2, 25);
        person("boxing", 17, 20);
        KthActions kth = new KthActions(root, 16, 1);
        // boxing skips a whole window after each: 1 window of 20 in 25 frames; jogging moves by 3: 2 windows
        Clips train = kth.windows(true, 20);
        assertThat(train.count()).isEqualTo(3);
        assertThat(train.shape().getShape()).containsExactly(3, 20, 1, 16, 16);
        // the first window found is jogging's last: frames 6..25 of person 02, grey level (20 + i) / 255
        assertThat(train.data()[0]).isCloseTo((20 + 6) / 255f, Offset.offset(3 / 255f));
        Clips test = kth.testSet(1, 20);
        assertThat(test.data()[0]).isCloseTo((170 + 1) / 255f, Offset.offset(3 / 255f));
        assertThatThrownBy(() -> kth.testSet(1, 30))
                .hasRootCauseMessage(root + ": no run of 30 consecutive frames for the test (17-25) persons");
        assertThat(kth.trainingBatch(5, 4, 20).data())
                .isEqualTo(kth.trainingBatch(5, 4, 20).data());
    }

    @Test
    void aCorruptFrameIsAnErrorNamingIt() throws IOException {
        person("walking", 3, 21);
        Path bad = root.resolve("walking/person03_walking_d1_uncomp/image_0007.jpg");
        Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        KthActions kth = new KthActions(root, 16, 1);
        assertThatThrownBy(() -> kth.windows(true, 20)).hasMessageContaining(bad.toString());
    }

    @Test
    void aFolderWithoutActionsIsRejected() throws IOException {
        Files.createDirectories(root.resolve("misc"));
        assertThatThrownBy(() -> new KthActions(root, 16, 1)).hasMessageContaining("no action folders");
    }
}
