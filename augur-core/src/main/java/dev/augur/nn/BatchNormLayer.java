package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Batch normalisation over channels of [B, C, H, W] or [B, C, T] (Ioffe and Szegedy 2015, Alg. 1): batch
 * statistics while training, running statistics at inference, optionally without learned scale and shift. Two
 * conventions: Keras's (seed 000's model: running = 0.99·running + 0.01·batch, biased variance, eps 1e-3) and
 * PyTorch's (seed 004's: running = 0.9·running + 0.1·batch, unbiased running variance, eps 1e-5).
 */
public final class BatchNormLayer {
    /** How running statistics follow the batch: {@code momentum} is the weight kept on the old running value. */
    public record Style(float momentum, float eps, boolean unbiasedRunningVariance) {
        public static final Style KERAS = new Style(0.99f, 1e-3f, false);
        public static final Style TORCH = new Style(0.9f, 1e-5f, true);
    }

    private final NDArray runningMean;
    private final NDArray runningVar;
    private final NDArray gamma;
    private final NDArray beta;
    private final Style style;

    public BatchNormLayer(Weights weights, String name, int channels, boolean affine) {
        this(weights, name, channels, affine, Style.KERAS);
    }

    public BatchNormLayer(Weights weights, String name, int channels, boolean affine, Style style) {
        this.runningMean = weights.buffer(name + ".running_mean", new Shape(channels), 0f);
        this.runningVar = weights.buffer(name + ".running_var", new Shape(channels), 1f);
        // shaped [1, C, 1, 1] so they broadcast without a reshape: an op called on a weight would land in the
        // weights' manager and outlive the step
        this.gamma = affine ? weights.constant(name + ".weight", new Shape(1, channels, 1, 1), 1f) : null;
        this.beta = affine ? weights.constant(name + ".bias", new Shape(1, channels, 1, 1), 0f) : null;
        this.style = style;
    }

    public NDArray forward(NDArray x, boolean training) {
        if (x.getShape().dimension() == 3) {
            Shape s = x.getShape();
            return forward(x.reshape(s.get(0), s.get(1), s.get(2), 1), training).reshape(s);
        }
        long c = x.getShape().get(1);
        float momentum = style.momentum();
        NDArray mean;
        NDArray var;
        if (training) {
            NDArray flat = x.transpose(1, 0, 2, 3).reshape(c, -1);
            mean = flat.mean(new int[] {1});
            var = flat.sub(mean.reshape(c, 1)).square().mean(new int[] {1});
            // running statistics follow the batch ones without joining the graph
            long n = flat.getShape().get(1);
            float unbias = style.unbiasedRunningVariance() && n > 1 ? (float) n / (n - 1) : 1f;
            runningMean.muli(momentum).addi(mean.stopGradient().mul(1 - momentum));
            runningVar.muli(momentum).addi(var.stopGradient().mul(unbias * (1 - momentum)));
        } else {
            mean = x.getManager().create(runningMean.toFloatArray());
            var = x.getManager().create(runningVar.toFloatArray());
        }
        NDArray y =
                x.sub(mean.reshape(1, c, 1, 1)).div(var.add(style.eps()).sqrt().reshape(1, c, 1, 1));
        if (gamma != null) {
            y = y.mul(gamma).add(beta);
        }
        return y;
    }
}
