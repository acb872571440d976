package dev.augur.train;

/**
 * Hyper-parameters of one training run, validated where built.
 *
 * @param steps            total optimiser steps (iterations)
 * @param batchSize        sequences per step
 * @param clipLength       frames per training sequence (J inputs + K targets)
 * @param learningRate     Adam step size (PyTorch's Adam: β1 0.9, β2 0.999, ε 1e-8)
 * @param loss             {@code l2} (mean squared error) or {@code l1l2} (mean |d| + mean d², PredRNN)
 * @param clipNorm         global gradient-norm limit; 0 turns clipping off
 * @param samplingStart    scheduled sampling: η at step 0 (probability of feeding the true frame)
 * @param samplingDelta    η falls by this much per step, down to 0 (predrnn-pytorch's sampling_changing_rate)
 * @param seed             seeds the weights, the batches and the sampling masks
 * @param checkpointEvery  steps between atomic checkpoints (one is also written at the end and on stop)
 */
public record TrainConfig(int steps, int batchSize, int clipLength, double learningRate, String loss, double clipNorm,
                          double samplingStart, double samplingDelta, long seed, int checkpointEvery) {
    public TrainConfig {
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(clipLength >= 2, "clip length must be >= 2, got " + clipLength);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        require("l2".equals(loss) || "l1l2".equals(loss), "loss must be l2 or l1l2, got '" + loss + "'");
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm must be >= 0 (0 = off), got " + clipNorm);
        require(samplingStart >= 0 && samplingStart <= 1, "sampling start must be in [0, 1], got " + samplingStart);
        require(samplingDelta >= 0, "sampling delta must be >= 0, got " + samplingDelta);
        require(checkpointEvery >= 1, "checkpoint interval must be >= 1, got " + checkpointEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public ScheduledSampling sampling() {
        return new ScheduledSampling(samplingStart, samplingDelta);
    }
}
