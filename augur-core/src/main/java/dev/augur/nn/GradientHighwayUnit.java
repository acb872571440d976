package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * PredRNN++'s gradient highway unit (Wang et al. 2018, Eq. 2) between its first and second layers, as OpenSTL's
 * {@code GHU}: a switch u that lets the highway state Z carry the first layer's output across many time steps, so
 * that gradients reach far back without passing through every cascaded cell.
 * <pre>
 * [p, u] = W_x*X + W_z*Z_{t−1}      Z = σ(u)⊙tanh(p) + (1−σ(u))⊙Z_{t−1}
 * </pre>
 * Bias-free convolutions initialised uniformly in ±0.001, as OpenSTL's. With layer normalisation each convolution is
 * normalised over its 2×hidden channels (OpenSTL declares a norm of hidden channels there, which fails at run
 * time on its 2×hidden output).
 */
final class GradientHighwayUnit {
    private static final double INIT = 0.001;
    private final int hidden;
    private final NormedConv convZ;
    private final NormedConv convX;

    GradientHighwayUnit(
            Weights weights, String name, int hidden, int filter, boolean layerNorm, int height, int width) {
        this.hidden = hidden;
        this.convZ = conv(weights, name + ".z_concat", hidden, filter, layerNorm, height, width);
        this.convX = conv(weights, name + ".x_concat", hidden, filter, layerNorm, height, width);
    }

    private static NormedConv conv(
            Weights weights, String name, int hidden, int filter, boolean layerNorm, int height, int width) {
        Conv2dLayer conv = new Conv2dLayer(weights, name, hidden, 2 * hidden, filter, 1, false, INIT);
        return new NormedConv(conv, weights, name, 2 * hidden, layerNorm, height, width);
    }

    NDArray initialState(NDManager manager, long batch, long height, long width) {
        return manager.zeros(new Shape(batch, hidden, height, width));
    }

    /** Z after reading {@code x}. */
    NDArray step(NDArray x, NDArray z) {
        NDList gates = convX.forward(x).add(convZ.forward(z)).split(2, 1);
        NDArray u = Activation.sigmoid(gates.get(1));
        return u.mul(gates.get(0).tanh()).add(u.neg().add(1).mul(z));
    }
}
