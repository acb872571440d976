package dev.augur.video;

import dev.augur.train.FrameLoss;
import dev.augur.train.LoopConfig;
import dev.augur.train.ScheduledSampling;

/**
 * The settings of one frame-prediction training run, validated where built: the loop's ({@link #loop()}) and the
 * frame-prediction objective's (batch, clip length, loss, scheduled sampling, reverse input). Video bundles record
 * it as their {@code training} section (the same fields as before the loop's own settings were split off).
 *
 * @param steps            total optimiser steps (iterations)
 * @param batchSize        sequences per step
 * @param clipLength       frames per training sequence (J inputs + K targets)
 * @param learningRate     Adam step size (PyTorch's Adam: β1 0.9, β2 0.999, ε 1e-8)
 * @param loss             {@code l2} (mean squared error), {@code l1l2} (mean |d| + mean d², PredRNN) or
 *                         {@code l1l2:λ} (λ·mean |d| + (1−λ)·mean d², seed 002's balance study)
 * @param clipNorm         global gradient-norm limit; 0 turns clipping off
 * @param sampling         scheduled sampling of the frames fed back (video prediction)
 * @param reverseInput     also train on each clip played backwards (predrnn-pytorch's --reverse_input)
 * @param seed             seeds the weights, the batches and the sampling masks
 * @param checkpointEvery  steps between atomic checkpoints (one is also written at the end and on stop)
 */
public record FramePredictionConfig(
        int steps,
        int batchSize,
        int clipLength,
        double learningRate,
        String loss,
        double clipNorm,
        ScheduledSampling sampling,
        boolean reverseInput,
        long seed,
        int checkpointEvery) {
    public FramePredictionConfig {
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(batchSize >= 1, "batch size must be >= 1, got " + batchSize);
        require(clipLength >= 2, "clip length must be >= 2, got " + clipLength);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        FrameLoss.validate(loss);
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip norm must be >= 0 (0 = off), got " + clipNorm);
        require(sampling != null, "scheduled sampling settings are required (ScheduledSampling.off() for none)");
        require(checkpointEvery >= 1, "checkpoint interval must be >= 1, got " + checkpointEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** What the training loop needs of these settings. */
    public LoopConfig loop() {
        return new LoopConfig(steps, learningRate, clipNorm, seed, checkpointEvery);
    }

    /** The same run with another step count: what may change when a run is resumed. */
    public FramePredictionConfig withSteps(int n) {
        return new FramePredictionConfig(
                n, batchSize, clipLength, learningRate, loss, clipNorm, sampling, reverseInput, seed, checkpointEvery);
    }
}
