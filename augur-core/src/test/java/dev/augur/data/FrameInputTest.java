package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameInputTest {
    private static final VideoReader.Options OPTIONS = new VideoReader.Options(120, 160, 30, null);

    @Test
    void aFileAFollowedFileAndAFolderGiveTheSameFrames(@TempDir Path dir) throws Exception {
        Path mkv = VideoReaderTest.write(dir, "square.mkv", 30);
        Path frames = Files.createDirectory(dir.resolve("frames"));
        int n = 0;
        try (FrameSource file = FrameInput.open(mkv.toString(), OPTIONS, FrameInput.Mode.once());
                FrameSource followed =
                        FrameInput.open(mkv.toString(), OPTIONS, new FrameInput.Mode(true, 0.2, false))) {
            VideoReader.GreyFrame a;
            while ((a = file.next()) != null) {
                VideoReader.GreyFrame b = followed.next();
                assertThat(b).as("followed frame %d", n).isNotNull();
                assertThat(b.pixels()).containsExactly(a.pixels());
                writePng(a.pixels(), frames.resolve("f" + n + ".png"));
                n++;
            }
            assertThat(followed.next()).isNull();
        }
        assertThat(n).isBetween(119, 121);
        try (FrameSource folder = FrameInput.open(frames.toString(), OPTIONS, FrameInput.Mode.once())) {
            int m = 0;
            while (folder.next() != null) {
                m++;
            }
            assertThat(m).isEqualTo(n);
        }
    }

    private static void writePng(float[] grey, Path file) throws Exception {
        BufferedImage img = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < grey.length; i++) {
            img.getRaster().setSample(i % 160, i / 160, 0, Math.round(grey[i] * 255));
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void aMissingInputIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("no-such.mkv").toString();
        assertThatThrownBy(() -> FrameInput.open(missing, OPTIONS, FrameInput.Mode.once()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such.mkv");
        assertThatThrownBy(() -> FrameInput.open(missing, OPTIONS, new FrameInput.Mode(true, 1, false)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no-such.mkv");
    }
}
