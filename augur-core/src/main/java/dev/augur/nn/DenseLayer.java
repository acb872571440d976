package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/** A fully connected layer y = x·Wᵀ + b over the last axis, with PyTorch's default initialisation. */
public final class DenseLayer {
    private final NDArray weight;
    private final NDArray bias;

    public DenseLayer(Weights weights, String name, int in, int out, boolean bias) {
        double bound = 1.0 / Math.sqrt(in);
        this.weight = weights.uniform(name + ".weight", new Shape(out, in), bound);
        this.bias = bias ? weights.uniform(name + ".bias", new Shape(out), bound) : null;
    }

    public NDArray forward(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
