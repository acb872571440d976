package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Batch normalisation over channels of [B, C, H, W] (Ioffe and Szegedy 2015, Alg. 1), as Keras does it in seed
 * 000's model: batch statistics while training, running statistics (momentum 0.99, biased variance) at
 * inference, and optionally no learned scale and shift.
 */
public final class BatchNormLayer {
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final NDArray gamma;
    private final NDArray beta;
    private final float momentum;
    private final float eps;

    public BatchNormLayer(Weights weights, String name, int channels, boolean affine) {
        this.runningMean = weights.buffer(name + ".running_mean", new Shape(channels), 0f);
        this.runningVar = weights.buffer(name + ".running_var", new Shape(channels), 1f);
        // shaped [1, C, 1, 1] so they broadcast without a reshape: an op called on a weight would land in the
        // weights' manager and outlive the step
        this.gamma = affine ? weights.constant(name + ".weight", new Shape(1, channels, 1, 1), 1f) : null;
        this.beta = affine ? weights.constant(name + ".bias", new Shape(1, channels, 1, 1), 0f) : null;
        this.momentum = 0.99f;
        this.eps = 1e-3f;
    }

    public NDArray forward(NDArray x, boolean training) {
        long c = x.getShape().get(1);
        NDArray mean;
        NDArray var;
        if (training) {
            NDArray flat = x.transpose(1, 0, 2, 3).reshape(c, -1);
            mean = flat.mean(new int[] {1});
            var = flat.sub(mean.reshape(c, 1)).square().mean(new int[] {1});
            // running statistics follow the batch ones without joining the graph
            runningMean.muli(momentum).addi(mean.stopGradient().mul(1 - momentum));
            runningVar.muli(momentum).addi(var.stopGradient().mul(1 - momentum));
        } else {
            mean = x.getManager().create(runningMean.toFloatArray());
            var = x.getManager().create(runningVar.toFloatArray());
        }
        NDArray y = x.sub(mean.reshape(1, c, 1, 1)).div(var.add(eps).sqrt().reshape(1, c, 1, 1));
        if (gamma != null) {
            y = y.mul(gamma).add(beta);
        }
        return y;
    }
}
