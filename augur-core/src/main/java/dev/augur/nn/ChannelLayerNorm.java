package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * Layer normalisation as TensorFlow's {@code contrib.layers.layer_norm} does it inside e3d_lstm's cell: per
 * sample, mean and biased variance over every dimension but the batch, eps 1e-12, then a scale and shift per
 * channel (channel = dimension 1 here, [B, C, …]).
 */
public final class ChannelLayerNorm {
    private static final float EPS = 1e-12f;
    private final NDArray gamma;
    private final NDArray beta;

    public ChannelLayerNorm(Weights weights, String name, int channels, int dims) {
        long[] shape = new long[dims];
        Arrays.fill(shape, 1);
        shape[1] = channels;
        this.gamma = weights.constant(name + ".gamma", new Shape(shape), 1f);
        this.beta = weights.constant(name + ".beta", new Shape(shape), 0f);
    }

    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        NDArray flat = x.reshape(s.get(0), -1);
        NDArray centred = flat.sub(flat.mean(new int[] {1}, true));
        NDArray var = centred.square().mean(new int[] {1}, true);
        return centred.div(var.add(EPS).sqrt()).reshape(s).mul(gamma).add(beta);
    }
}
