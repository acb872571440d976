package dev.augur.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A batch of frame sequences held on the Java heap, [N, T, C, H, W] float32 in [0, 1], row-major.
 * Arrays are made from it only inside a step's own manager.
 */
public record Clips(float[] data, int count, int length, int channels, int height, int width) {
    public Clips {
        long expected = (long) count * length * channels * height * width;
        if (data.length != expected) {
            throw new IllegalArgumentException("clip data holds " + data.length + " values, shape [" + count + ", "
                    + length + ", " + channels + ", " + height + ", " + width + "] needs " + expected);
        }
    }

    public Shape shape() {
        return new Shape(count, length, channels, height, width);
    }

    public int frameSize() {
        return channels * height * width;
    }

    public NDArray toArray(NDManager manager) {
        return manager.create(data, shape());
    }

    /** Sequences [from, to) as a new batch. */
    public Clips sequences(int from, int to) {
        int per = length * frameSize();
        float[] out = new float[(to - from) * per];
        System.arraycopy(data, from * per, out, 0, out.length);
        return new Clips(out, to - from, length, channels, height, width);
    }

    /** Frames [from, to) of every sequence. */
    public Clips frames(int from, int to) {
        int fs = frameSize();
        int n = to - from;
        float[] out = new float[count * n * fs];
        for (int s = 0; s < count; s++) {
            System.arraycopy(data, (s * length + from) * fs, out, s * n * fs, n * fs);
        }
        return new Clips(out, count, n, channels, height, width);
    }

    public static Clips of(NDArray array) {
        Shape s = array.getShape();
        if (s.dimension() != 5) {
            throw new IllegalArgumentException("expected [N, T, C, H, W], got " + s);
        }
        return new Clips(
                array.toFloatArray(), (int) s.get(0), (int) s.get(1), (int) s.get(2), (int) s.get(3), (int) s.get(4));
    }
}
