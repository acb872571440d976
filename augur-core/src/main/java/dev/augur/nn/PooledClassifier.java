package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

/**
 * The classifier head of the shared core (seed 000's forecaster): global max pool over space of the stack's
 * output [B, C, H, W], then a dense layer to one logit per class [B, classes]. Sigmoid or softmax belongs to
 * the loss, which is numerically safer on logits.
 */
public final class PooledClassifier {
    private final NDArray weight;
    private final NDArray bias;

    public PooledClassifier(Weights weights, String name, int channels, int classes) {
        double bound = 1.0 / Math.sqrt(channels);
        this.weight = weights.uniform(name + ".weight", new Shape(classes, channels), bound);
        this.bias = weights.uniform(name + ".bias", new Shape(classes), bound);
    }

    public NDArray forward(NDArray features) {
        NDArray pooled = features.max(new int[] {3}).max(new int[] {2});
        return Linear.linear(pooled, weight, bias).singletonOrThrow();
    }
}
