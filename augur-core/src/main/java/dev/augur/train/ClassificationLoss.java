package dev.augur.train;

import ai.djl.ndarray.NDArray;

/** Losses on logits for classification heads. */
public final class ClassificationLoss {
    private ClassificationLoss() {}

    /**
     * Mean binary cross-entropy of sigmoid(logits) against 0/1 labels, with positives weighted by
     * {@code positiveWeight} (class weighting, as seed 000 does for rare bursts); computed in the stable form
     * max(z, 0) − z·y + log(1 + e^−|z|).
     */
    public static NDArray binaryCrossEntropy(NDArray logits, NDArray labels, float positiveWeight) {
        return binaryCrossEntropy(logits, labels, positiveWeight, null);
    }

    /** The same, counting only items where {@code mask} is 1 (unknown labels get 0). */
    public static NDArray binaryCrossEntropy(NDArray logits, NDArray labels, float positiveWeight, NDArray mask) {
        NDArray z = logits;
        NDArray perItem = z.maximum(0f).sub(z.mul(labels)).add(z.abs().neg().exp().add(1f).log());
        NDArray weight = labels.mul(positiveWeight - 1f).add(1f);
        if (mask != null) {
            weight = weight.mul(mask);
        }
        return perItem.mul(weight).sum().div(weight.sum().add(1e-12f));
    }
}
