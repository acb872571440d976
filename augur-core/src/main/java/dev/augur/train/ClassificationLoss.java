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
        NDArray perItem =
                z.maximum(0f).sub(z.mul(labels)).add(z.abs().neg().exp().add(1f).log());
        NDArray weight = labels.mul(positiveWeight - 1f).add(1f);
        if (mask != null) {
            weight = weight.mul(mask);
        }
        return perItem.mul(weight).sum().div(weight.sum().add(1e-12f));
    }

    /**
     * Focal loss (Lin et al. 2017), seed 004's: −Σ_c t_c·α_c·(1 − p_c)^γ·log p_c, averaged over the batch, with p the
     * softmax of the logits over the classes {@code allowed} marks ([B, C] of 0/1: behaviours the sample's video did
     * not label are left out of the softmax, so they are neither predicted nor penalised), targets {@code t} [B, C]
     * (one-hot, or mixed by mixup) and per-class weights {@code alpha} [C].
     */
    public static NDArray focal(NDArray logits, NDArray targets, NDArray alpha, float gamma, NDArray allowed) {
        NDArray logp = maskLogits(logits, allowed).logSoftmax(1);
        NDArray modulation = logp.exp().neg().add(1f).pow(gamma);
        return targets.mul(alpha.expandDims(0))
                .mul(modulation)
                .mul(logp)
                .sum(new int[] {1})
                .neg()
                .mean();
    }

    /** Logits with the classes {@code allowed} leaves out pushed to −∞ (−1e9), so softmax gives them nothing. */
    public static NDArray maskLogits(NDArray logits, NDArray allowed) {
        return allowed == null ? logits : logits.add(allowed.sub(1f).mul(1e9f));
    }
}
