package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/** A 1D convolution over [B, C, T] with 'same' padding (odd kernels) and PyTorch's default initialisation. */
public final class Conv1dLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final int padding;

    public Conv1dLayer(Weights weights, String name, int in, int out, int kernel, boolean bias) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": kernel must be odd for 'same' padding, got " + kernel);
        }
        double bound = 1.0 / Math.sqrt((double) in * kernel);
        this.weight = weights.uniform(name + ".weight", new Shape(out, in, kernel), bound);
        this.bias = bias ? weights.uniform(name + ".bias", new Shape(out), bound) : null;
        this.padding = kernel / 2;
    }

    public NDArray forward(NDArray x) {
        return Conv1d.conv1d(x, weight, bias, new Shape(1), new Shape(padding), new Shape(1))
                .singletonOrThrow();
    }
}
