package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.train.ClassificationLoss;
import dev.augur.train.Objective;
import java.util.SplittableRandom;

/**
 * Training windows for the burst forecaster, drawn from (seed, step) alone so a resumed run sees the same
 * batches: uniform over the eligible training frames, each flipped left-right and/or up-down at random (seed
 * 000's ×4 flip augmentation), with positives weighted by (1 − p)/p for training prevalence p (seed 000's class
 * weights 0.866 / 0.133 are this ratio for its 13.4%).
 */
public final class BurstTraining implements Objective {
    private final BurstClassifier model;
    private final BurstData data;
    private final int[] trainFrames;
    private final int batchSize;
    private final long seed;
    private final float positiveWeight;

    public BurstTraining(BurstClassifier model, BurstData data, int batchSize, long seed) {
        this.model = model;
        this.data = data;
        this.trainFrames = data.eligible(BurstData.Block.TRAIN, model.spec().window(), 0, 1);
        if (trainFrames.length == 0) {
            throw new IllegalArgumentException(data.video() + ": no training frames with a full window and label");
        }
        int pos = 0;
        for (int t : trainFrames) {
            pos += data.labels()[t];
        }
        if (pos == 0) {
            throw new IllegalArgumentException(data.video() + ": the training block has no bursts to learn from");
        }
        double p = (double) pos / trainFrames.length;
        this.positiveWeight = (float) ((1 - p) / p);
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public float positiveWeight() {
        return positiveWeight;
    }

    @Override
    public NDArray loss(NDManager manager, long step) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        int[] ts = new int[batchSize];
        int[] flips = new int[batchSize];
        float[] y = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            ts[i] = trainFrames[rng.nextInt(trainFrames.length)];
            flips[i] = rng.nextInt(4);
            y[i] = data.labels()[ts[i]];
        }
        BurstClassifier.Spec s = model.spec();
        NDArray windows = manager.create(data.windows(ts, s.window(), flips),
                new Shape(batchSize, s.window(), s.height(), s.width()));
        return ClassificationLoss.binaryCrossEntropy(model.logits(windows, true), manager.create(y), positiveWeight);
    }

    /** Burst probabilities at frames {@code ts}, in batches, inference mode. */
    public static double[] score(BurstClassifier model, BurstData data, int[] ts, NDManager manager) {
        BurstClassifier.Spec s = model.spec();
        double[] out = new double[ts.length];
        int batch = 16;
        for (int from = 0; from < ts.length; from += batch) {
            int to = Math.min(ts.length, from + batch);
            int[] part = java.util.Arrays.copyOfRange(ts, from, to);
            try (NDManager m = manager.newSubManager()) {
                NDArray w = m.create(data.windows(part, s.window(), null), new Shape(part.length, s.window(), s.height(), s.width()));
                float[] logits = model.logits(w, false).toFloatArray();
                for (int i = 0; i < logits.length; i++) {
                    out[from + i] = 1 / (1 + Math.exp(-logits[i]));
                }
            }
        }
        return out;
    }
}
