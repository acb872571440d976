package dev.augur.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code .npz} of predrnn-pytorch and e3d_lstm: {@code input_raw_data} float32 [frames, C, H, W] in [0, 1],
 * {@code dims} [[C, H, W]] and {@code clips} [2, N, 2] where clips[0, i] = [start, length] of sequence i's input
 * frames and clips[1, i] = [start, length] of its outputs. Read into whole sequences (inputs then outputs).
 */
public final class PredRnnNpz {
    private PredRnnNpz() {}

    public static Clips read(NDManager manager, Path file) throws IOException {
        try (NDManager m = manager.newSubManager()) {
            NDList arrays = NumpyFiles.read(m, file);
            NDArray raw = require(arrays, "input_raw_data", file);
            NDArray clips = require(arrays, "clips", file);
            Shape rs = raw.getShape();
            if (rs.dimension() != 4) {
                throw new IOException(file + ": input_raw_data must be [frames, C, H, W], got " + rs);
            }
            Shape cs = clips.getShape();
            if (cs.dimension() != 3 || cs.get(0) != 2 || cs.get(2) != 2 || cs.get(1) < 1) {
                throw new IOException(file + ": clips must be [2, N, 2], got " + cs);
            }
            int n = (int) cs.get(1);
            long[] c = clips.toType(DataType.INT64, false).toLongArray();
            int length = (int) (c[1] + c[2 * n + 1]);
            int channels = (int) rs.get(1);
            int h = (int) rs.get(2);
            int w = (int) rs.get(3);
            int frame = channels * h * w;
            float[] pixels = pixels(raw, file);
            float[] out = new float[Math.multiplyExact(n, length * frame)];
            for (int i = 0; i < n; i++) {
                long inStart = c[2 * i];
                long inLength = c[2 * i + 1];
                long outStart = c[2 * n + 2 * i];
                long outLength = c[2 * n + 2 * i + 1];
                if (inLength + outLength != length) {
                    throw new IOException(
                            file + ": clip " + i + " has " + (inLength + outLength) + " frames, clip 0 has " + length);
                }
                copy(pixels, inStart, inLength, out, (long) i * length, frame, rs.get(0), file, i);
                copy(pixels, outStart, outLength, out, (long) i * length + inLength, frame, rs.get(0), file, i);
            }
            return new Clips(out, n, length, channels, h, w);
        }
    }

    private static NDArray require(NDList arrays, String name, Path file) throws IOException {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IOException(
                    file + ": no '" + name + "' array (a predrnn/e3d .npz has clips, dims, input_raw_data)");
        }
        return a;
    }

    private static float[] pixels(NDArray raw, Path file) throws IOException {
        if (raw.getDataType() == DataType.UINT8) {
            return raw.toType(DataType.FLOAT32, false).div(255f).toFloatArray();
        }
        if (!raw.getDataType().isFloating()) {
            throw new IOException(
                    file + ": input_raw_data has type " + raw.getDataType() + " (float or uint8 expected)");
        }
        float[] v = raw.toType(DataType.FLOAT32, false).toFloatArray();
        for (float x : v) {
            if (!(x >= 0f && x <= 1f)) {
                throw new IOException(file + ": input_raw_data must lie in [0, 1], found " + x);
            }
        }
        return v;
    }

    private static void copy(
            float[] from, long start, long count, float[] to, long toFrame, int frame, long frames, Path file, int clip)
            throws IOException {
        if (start < 0 || count < 0 || start + count > frames) {
            throw new IOException(file + ": clip " + clip + " frames [" + start + ", " + (start + count)
                    + ") lie outside input_raw_data's " + frames + " frames");
        }
        System.arraycopy(from, (int) (start * frame), to, (int) (toFrame * frame), (int) (count * frame));
    }

    /** Writes sequences as a predrnn .npz: the first {@code inputLength} frames of each are its inputs. */
    public static void write(Path file, Clips clips, int inputLength, NDManager manager) throws IOException {
        if (inputLength < 1 || inputLength >= clips.length()) {
            throw new IllegalArgumentException(
                    "input length must be in [1, " + (clips.length() - 1) + "], got " + inputLength);
        }
        try (NDManager m = manager.newSubManager()) {
            int n = clips.count();
            int t = clips.length();
            NDArray raw =
                    m.create(clips.data(), new Shape((long) n * t, clips.channels(), clips.height(), clips.width()));
            raw.setName("input_raw_data");
            int[] c = new int[4 * n];
            for (int i = 0; i < n; i++) {
                c[2 * i] = i * t;
                c[2 * i + 1] = inputLength;
                c[2 * n + 2 * i] = i * t + inputLength;
                c[2 * n + 2 * i + 1] = t - inputLength;
            }
            NDArray index = m.create(c, new Shape(2, n, 2));
            index.setName("clips");
            NDArray dims = m.create(new int[] {clips.channels(), clips.height(), clips.width()}, new Shape(1, 3));
            dims.setName("dims");
            NumpyFiles.writeNpz(file, new NDList(index, dims, raw));
        }
    }
}
