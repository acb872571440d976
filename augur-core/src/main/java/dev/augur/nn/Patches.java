package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Space-to-depth patching of frame sequences (predrnn-pytorch's {@code reshape_patch}), in PyTorch's
 * {@code pixel_unshuffle} channel order: channel c·p² + i·p + j holds pixel (i, j) of each p×p block.
 * [B, T, C, H, W] ⇄ [B, T, C·p², H/p, W/p].
 */
public final class Patches {
    private Patches() {}

    public static NDArray split(NDArray frames, int p) {
        if (p == 1) {
            return frames;
        }
        Shape s = frames.getShape();
        long b = s.get(0), t = s.get(1), c = s.get(2), h = s.get(3), w = s.get(4);
        if (h % p != 0 || w % p != 0) {
            throw new IllegalArgumentException("frame size " + h + "x" + w + " is not divisible by patch size " + p);
        }
        return frames.reshape(b, t, c, h / p, p, w / p, p)
                .transpose(0, 1, 2, 4, 6, 3, 5)
                .reshape(b, t, c * p * p, h / p, w / p);
    }

    public static NDArray merge(NDArray patches, int p) {
        if (p == 1) {
            return patches;
        }
        Shape s = patches.getShape();
        long b = s.get(0), t = s.get(1), cp = s.get(2), hp = s.get(3), wp = s.get(4);
        long c = cp / ((long) p * p);
        return patches.reshape(b, t, c, p, p, hp, wp)
                .transpose(0, 1, 2, 5, 3, 6, 4)
                .reshape(b, t, c, hp * p, wp * p);
    }
}
