package dev.augur.events;

import dev.augur.train.LoopConfig;

/**
 * What a burst forecaster's bundle records of its training (its {@code training} section): the objective it really
 * minimised, the loop's settings, the batch, the weight of positive frames and the augmentation.
 */
public record TrainingRecord(
        String objective, LoopConfig loop, int batchSize, double positiveWeight, String augmentation) {
    /** Seed 000's objective: binary cross-entropy with positives weighted by (1 − p)/p for training prevalence p. */
    public static final String WEIGHTED_BCE = "binary cross-entropy, positives weighted (1 - p)/p";
}
