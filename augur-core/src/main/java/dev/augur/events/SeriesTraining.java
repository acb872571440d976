package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ClassificationLoss;
import dev.augur.train.Objective;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Training windows of per-frame series, drawn from (seed, step) alone so a resumed run sees the same batches:
 * uniform over the labelled frames of every training series that have a full window, positives weighted by
 * (1 − p)/p for training prevalence p (as the video forecaster and seed 000's class weights).
 */
final class SeriesTraining implements Objective {
    private final SequenceClassifier model;
    private final List<SeriesWindows> series;
    private final int[] seriesOf;
    private final int[] frameOf;
    private final float[] labelOf;
    private final int batchSize;
    private final long seed;
    private final float positiveWeight;

    SeriesTraining(
            SequenceClassifier model,
            List<BurstSeries> training,
            List<SeriesWindows> windows,
            int batchSize,
            long seed) {
        this.model = model;
        this.series = windows;
        int window = model.spec().window();
        List<int[]> pairs = new ArrayList<>();
        int positives = 0;
        for (int s = 0; s < training.size(); s++) {
            int[] labels = training.get(s).labels();
            for (int t = window; t < labels.length; t++) {
                if (labels[t] >= 0) {
                    pairs.add(new int[] {s, t, labels[t]});
                    positives += labels[t];
                }
            }
        }
        if (pairs.isEmpty() || positives == 0 || positives == pairs.size()) {
            throw new IllegalArgumentException(
                    "the training series need labelled frames of both classes after the first " + window
                            + " frames, found " + positives + " positives among " + pairs.size());
        }
        this.seriesOf = pairs.stream().mapToInt(p -> p[0]).toArray();
        this.frameOf = pairs.stream().mapToInt(p -> p[1]).toArray();
        this.labelOf = new float[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            labelOf[i] = pairs.get(i)[2];
        }
        double p = (double) positives / pairs.size();
        this.positiveWeight = (float) ((1 - p) / p);
        this.batchSize = batchSize;
        this.seed = seed;
    }

    float positiveWeight() {
        return positiveWeight;
    }

    @Override
    public NDArray loss(NDManager manager, long step) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        SequenceClassifier.Spec s = model.spec();
        int stride = s.window() * s.features();
        float[] x = new float[batchSize * stride];
        float[] y = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int k = rng.nextInt(frameOf.length);
            float[] w = series.get(seriesOf[k]).windows(new int[] {frameOf[k]}, s.window());
            System.arraycopy(w, 0, x, i * stride, stride);
            y[i] = labelOf[k];
        }
        NDArray logits = model.logits(manager.create(x, new Shape(batchSize, s.window(), s.features())), true)
                .reshape(-1);
        return ClassificationLoss.binaryCrossEntropy(logits, manager.create(y), positiveWeight);
    }
}
