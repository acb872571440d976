package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One split of MNIST (or Fashion-MNIST): {@code count} 28×28 grey images as unsigned bytes, and their labels.
 * Read from a folder holding LeCun's four IDX files, plain or {@code .gz}.
 */
public record MnistDigits(byte[] pixels, byte[] labels, int count, int rows, int cols) {
    public static final String TRAIN = "train";
    public static final String TEST = "t10k";

    /** Reads {@code <split>-images-idx3-ubyte[.gz]} and {@code <split>-labels-idx1-ubyte[.gz]} from {@code dir}. */
    public static MnistDigits read(Path dir, String split) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no such MNIST folder");
        }
        IdxFiles.Idx images = IdxFiles.read(find(dir, split + "-images-idx3-ubyte"));
        IdxFiles.Idx labels = IdxFiles.read(find(dir, split + "-labels-idx1-ubyte"));
        if (images.dims().length != 3) {
            throw new IOException(
                    dir + ": " + split + " images must be [N, rows, cols], got rank " + images.dims().length);
        }
        if (labels.dims().length != 1 || labels.dims()[0] != images.dims()[0]) {
            throw new IOException(dir + ": " + split + " has " + images.dims()[0] + " images but "
                    + (labels.dims().length == 1 ? labels.dims()[0] : -1) + " labels");
        }
        return new MnistDigits(images.data(), labels.data(), images.dims()[0], images.dims()[1], images.dims()[2]);
    }

    private static Path find(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new NoSuchFileException(
                dir.resolve(name).toString(),
                null,
                "missing MNIST file (looked for " + name + " and " + name + ".gz); run `augur data mnist`");
    }

    /** Pixel (r, c) of image i in [0, 1]. */
    public float pixel(int i, int r, int c) {
        return (pixels[(i * rows + r) * cols + c] & 0xFF) / 255f;
    }
}
