package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;

/**
 * A 3D convolution over [B, C, T, H, W] with TensorFlow's 'same' padding, as e3d_lstm uses it: the spatial kernel
 * (odd) is padded evenly, the temporal one (kt) gets its kt−1 zero frames after the window, none before.
 * PyTorch's default initialisation, U(±1/√fan_in).
 */
public final class Conv3dLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final int temporal;
    private final int spatialPadding;
    private final int temporalStride;

    /**
     * @param temporal       kernel length over time (kt)
     * @param kernel         spatial kernel (odd)
     * @param temporalStride stride over time (the e3d frame decoder folds the window with stride kt, no padding)
     */
    public Conv3dLayer(
            Weights weights, String name, int in, int out, int temporal, int kernel, int temporalStride, boolean bias) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": spatial kernel must be odd for 'same' padding, got " + kernel);
        }
        double bound = 1.0 / Math.sqrt((double) in * temporal * kernel * kernel);
        this.weight = weights.uniform(name + ".weight", new Shape(out, in, temporal, kernel, kernel), bound);
        this.bias = bias ? weights.uniform(name + ".bias", new Shape(out), bound) : null;
        this.temporal = temporal;
        this.spatialPadding = kernel / 2;
        this.temporalStride = temporalStride;
    }

    public NDArray forward(NDArray x) {
        NDArray padded = x;
        if (temporalStride == 1 && temporal > 1) {
            Shape s = x.getShape();
            padded = x.concat(x.getManager().zeros(new Shape(s.get(0), s.get(1), temporal - 1, s.get(3), s.get(4))), 2);
        }
        return Conv3d.conv3d(
                        padded,
                        weight,
                        bias,
                        new Shape(temporalStride, 1, 1),
                        new Shape(0, spatialPadding, spatialPadding),
                        new Shape(1, 1, 1))
                .singletonOrThrow();
    }
}
