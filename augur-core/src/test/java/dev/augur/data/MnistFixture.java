package dev.augur.data;

import java.io.IOException;
import java.nio.file.Path;

/** A tiny MNIST folder in LeCun's IDX layout: n 28×28 "digits", each a filled square of its own brightness. */
public final class MnistFixture {
    private MnistFixture() {}

    public static Path write(Path dir, int trainCount, int testCount) throws IOException {
        split(dir, "train", trainCount, 0);
        split(dir, "t10k", testCount, 100);
        return dir;
    }

    private static void split(Path dir, String name, int n, int shade) throws IOException {
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            int value = 100 + shade / 2 + i % 50;
            for (int y = 8; y < 20; y++) {
                for (int x = 8; x < 20; x++) {
                    pixels[i * 784 + y * 28 + x] = (byte) value;
                }
            }
        }
        IdxFiles.write(dir.resolve(name + "-images-idx3-ubyte"), new int[] {n, 28, 28}, pixels);
        IdxFiles.write(dir.resolve(name + "-labels-idx1-ubyte"), new int[] {n}, labels);
    }
}
