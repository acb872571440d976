package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/** A 2D convolution with 'same' padding (odd kernels) and PyTorch's default initialisation. */
public final class Conv2dLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final int stride;
    private final int padding;

    public Conv2dLayer(Weights weights, String name, int in, int out, int kernel, int stride, boolean bias) {
        this(weights, name, in, out, kernel, stride, bias, 1.0 / Math.sqrt((double) in * kernel * kernel));
    }

    /** As above, initialised from U(−bound, bound) instead of PyTorch's default bound 1/√fan_in. */
    public Conv2dLayer(
            Weights weights, String name, int in, int out, int kernel, int stride, boolean bias, double bound) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": kernel must be odd for 'same' padding, got " + kernel);
        }
        this.weight = weights.uniform(name + ".weight", new Shape(out, in, kernel, kernel), bound);
        this.bias = bias ? weights.uniform(name + ".bias", new Shape(out), bound) : null;
        this.stride = stride;
        this.padding = kernel / 2;
    }

    public NDArray forward(NDArray x) {
        return Conv2d.conv2d(x, weight, bias, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1))
                .singletonOrThrow();
    }
}
