package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/**
 * Layer normalisation over every dimension but the batch (Ba et al. 2016), as PyTorch's
 * {@code nn.LayerNorm([C, H, W])} inside predrnn-pytorch's cells: per sample, mean and biased variance over
 * C·H·W, eps 1e-5, then an element-wise scale and shift of shape [C, H, W].
 */
public final class LayerNormLayer {
    private static final float EPS = 1e-5f;
    private final NDArray gamma;
    private final NDArray beta;

    public LayerNormLayer(Weights weights, String name, int channels, int height, int width) {
        Shape s = new Shape(channels, height, width);
        this.gamma = weights.constant(name + ".weight", s, 1f);
        this.beta = weights.constant(name + ".bias", s, 0f);
    }

    /** x is [B, C, H, W]. */
    public NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, gamma.getShape(), gamma, beta, EPS).singletonOrThrow();
    }
}
