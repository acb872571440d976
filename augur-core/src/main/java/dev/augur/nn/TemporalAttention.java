package dev.augur.nn;

import ai.djl.ndarray.NDArray;

/**
 * Additive attention pooling over time (Bahdanau et al. 2015; the "attention mechanism" of seed 004's CNN-LSTM):
 * e_t = vᵀ·tanh(W·h_t + b), α = softmax over t of e, and the context Σ_t α_t·h_t. [B, T, C] → [B, C].
 */
public final class TemporalAttention {
    private final DenseLayer projection;
    private final DenseLayer score;

    public TemporalAttention(Weights weights, String name, int channels, int size) {
        this.projection = new DenseLayer(weights, name + ".projection", channels, size, true);
        this.score = new DenseLayer(weights, name + ".score", size, 1, false);
    }

    public NDArray forward(NDArray sequence) {
        NDArray alpha = weights(sequence);
        return sequence.mul(alpha.expandDims(2)).sum(new int[] {1});
    }

    /** α [B, T]: each row sums to 1. */
    public NDArray weights(NDArray sequence) {
        return score.forward(projection.forward(sequence).tanh()).squeeze(2).softmax(1);
    }
}
