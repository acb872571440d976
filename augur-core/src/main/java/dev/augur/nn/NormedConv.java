package dev.augur.nn;

import ai.djl.ndarray.NDArray;

/**
 * A convolution optionally followed by layer normalisation: predrnn-pytorch's {@code nn.Sequential(conv, LayerNorm)}.
 */
final class NormedConv {
    private final Conv2dLayer conv;
    private final LayerNormLayer norm;

    NormedConv(
            Weights weights,
            String name,
            int in,
            int out,
            int filter,
            boolean bias,
            boolean layerNorm,
            int height,
            int width) {
        this(new Conv2dLayer(weights, name, in, out, filter, 1, bias), weights, name, out, layerNorm, height, width);
    }

    NormedConv(Conv2dLayer conv, Weights weights, String name, int out, boolean layerNorm, int height, int width) {
        this.conv = conv;
        this.norm = layerNorm ? new LayerNormLayer(weights, name + ".norm", out, height, width) : null;
    }

    NDArray forward(NDArray x) {
        NDArray y = conv.forward(x);
        return norm == null ? y : norm.forward(y);
    }
}
