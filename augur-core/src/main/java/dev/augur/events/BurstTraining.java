package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.nn.SteppedState;
import dev.augur.train.ClassificationLoss;
import dev.augur.train.Objective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Training windows for the burst forecaster, drawn from (seed, step) alone so a resumed run sees the same
 * batches: uniform over the eligible training frames, each flipped left-right and/or up-down at random (seed
 * 000's ×4 flip augmentation), with positives weighted by (1 − p)/p for training prevalence p (seed 000's class
 * weights 0.866 / 0.133 are this ratio for its 13.4%).
 */
public final class BurstTraining implements Objective {
    private final BurstClassifier model;
    private final List<BurstData> recordings;
    private final int[] trainRecording; // a training frame's recording, in recordings
    private final int[] trainFrame; // and its frame there
    private final int batchSize;
    private final long seed;
    private final float positiveWeight;

    /**
     * Windows drawn from the training blocks of {@code recordings} (the one recording of a time-block split, or the
     * training recordings of a split by recording), uniform over their eligible frames.
     */
    public BurstTraining(BurstClassifier model, List<BurstData> recordings, int batchSize, long seed) {
        this.model = model;
        this.recordings = List.copyOf(recordings);
        List<int[]> eligible = new ArrayList<>();
        int total = 0;
        for (BurstData d : recordings) {
            int[] ts = d.eligible(BurstData.Block.TRAIN, model.spec().window(), 0, 1);
            eligible.add(ts);
            total += ts.length;
        }
        String names = recordings.stream().map(d -> d.video().toString()).collect(Collectors.joining(", "));
        if (total == 0) {
            throw new IllegalArgumentException(names + ": no training frames with a full window and label");
        }
        this.trainRecording = new int[total];
        this.trainFrame = new int[total];
        int at = 0;
        int pos = 0;
        for (int r = 0; r < eligible.size(); r++) {
            for (int t : eligible.get(r)) {
                trainRecording[at] = r;
                trainFrame[at++] = t;
                pos += recordings.get(r).labels()[t];
            }
        }
        if (pos == 0) {
            throw new IllegalArgumentException(names + ": the training frames hold no bursts to learn from");
        }
        double p = (double) pos / total;
        this.positiveWeight = (float) ((1 - p) / p);
        this.batchSize = batchSize;
        this.seed = seed;
    }

    public float positiveWeight() {
        return positiveWeight;
    }

    /** Share of positive frames among the training frames. */
    public double prevalence() {
        return 1 / (1 + (double) positiveWeight);
    }

    @Override
    public NDArray loss(NDManager manager, long step) {
        return model.spec().stateful() ? segmentLoss(manager, step) : windowLoss(manager, step);
    }

    private NDArray windowLoss(NDManager manager, long step) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        BurstClassifier.Spec s = model.spec();
        int plane = s.height() * s.width();
        float[] windows = new float[batchSize * s.window() * plane];
        float[] y = new float[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int j = rng.nextInt(trainFrame.length);
            BurstData d = recordings.get(trainRecording[j]);
            d.window(trainFrame[j], s.window(), rng.nextInt(4), windows, i * s.window() * plane);
            y[i] = d.labels()[trainFrame[j]];
        }
        NDArray input = manager.create(windows, new Shape(batchSize, s.window(), s.height(), s.width()));
        return ClassificationLoss.binaryCrossEntropy(model.logits(input, true), manager.create(y), positiveWeight);
    }

    /**
     * Truncated back-propagation through time for the stateful variant: a segment of W frames (S steps of k) from
     * the zero state, with a loss on every step after the first quarter (a burn-in in which the state warms up);
     * the label of a step is that of its last frame.
     */
    private NDArray segmentLoss(NDManager manager, long step) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        BurstClassifier.Spec s = model.spec();
        int steps = s.steps();
        int burnIn = steps / 4;
        int plane = s.height() * s.width();
        float[] windows = new float[batchSize * s.window() * plane];
        float[] y = new float[batchSize * steps];
        float[] mask = new float[batchSize * steps];
        for (int i = 0; i < batchSize; i++) {
            int j = rng.nextInt(trainFrame.length);
            BurstData d = recordings.get(trainRecording[j]);
            int end = trainFrame[j];
            d.window(end, s.window(), rng.nextInt(4), windows, i * s.window() * plane);
            int first = end - s.window() + 1;
            for (int k = 0; k < steps; k++) {
                int label = d.labels()[first + (k + 1) * s.framesPerStep() - 1];
                y[i * steps + k] = Math.max(0, label);
                mask[i * steps + k] = k >= burnIn && label >= 0 ? 1f : 0f;
            }
        }
        NDArray frames = manager.create(windows, new Shape(batchSize, s.window(), s.height(), s.width()));
        NDArray logits = model.stepLogits(frames, true);
        return ClassificationLoss.binaryCrossEntropy(
                logits,
                manager.create(y, new Shape(batchSize, steps)),
                positiveWeight,
                manager.create(mask, new Shape(batchSize, steps)));
    }

    /** Burst probabilities at frames {@code ts} (increasing, one block), inference mode. */
    public static double[] score(BurstClassifier model, BurstData data, int[] ts, NDManager manager) {
        return model.spec().stateful()
                ? scoreCarried(model, data, ts, manager)
                : scoreWindows(model, data, ts, manager);
    }

    /**
     * The stateful variant reads its block from the first frame on, carrying its state; frame t gets the latest step's
     * probability.
     */
    private static double[] scoreCarried(BurstClassifier model, BurstData data, int[] ts, NDManager manager) {
        BurstClassifier.Spec s = model.spec();
        int k = s.framesPerStep();
        double[] out = new double[ts.length];
        if (ts.length == 0) {
            return out;
        }
        int start = data.blockStartOf(ts[0]);
        try (SteppedState<BurstClassifier.Carried> carried = new SteppedState<>(manager)) {
            double latest = Double.NaN;
            int next = 0;
            for (int end = start + k - 1; next < ts.length; end += k) {
                while (next < ts.length && ts[next] < end) {
                    out[next++] = 1 / (1 + Math.exp(-latest));
                }
                if (next >= ts.length) {
                    break;
                }
                int last = end;
                latest = carried.advance((m, before) -> model.advance(
                                m.create(
                                        data.windows(new int[] {last}, k, null),
                                        new Shape(1, k, s.height(), s.width())),
                                before == null ? null : before.state(),
                                m))
                        .logit();
            }
        }
        return out;
    }

    private static double[] scoreWindows(BurstClassifier model, BurstData data, int[] ts, NDManager manager) {
        BurstClassifier.Spec s = model.spec();
        double[] out = new double[ts.length];
        int batch = 16;
        for (int from = 0; from < ts.length; from += batch) {
            int to = Math.min(ts.length, from + batch);
            int[] part = Arrays.copyOfRange(ts, from, to);
            try (NDManager m = manager.newSubManager()) {
                NDArray w = m.create(
                        data.windows(part, s.window(), null),
                        new Shape(part.length, s.window(), s.height(), s.width()));
                float[] logits = model.logits(w, false).toFloatArray();
                for (int i = 0; i < logits.length; i++) {
                    out[from + i] = 1 / (1 + Math.exp(-logits[i]));
                }
            }
        }
        return out;
    }
}
