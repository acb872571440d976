package dev.augur.behavior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ClassificationLoss;
import dev.augur.train.Objective;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One training step of a keypoint classifier as seed 004 trains it: a batch of windows centred on labelled frames
 * drawn uniformly from the training videos by (seed, step); augmented by temporal jitter (the window moves up to
 * ±2 frames, the label stays the centre frame's), scaling (0.95–1.05), Gaussian noise (sd 0.02 in standardised
 * units) and mixup (λ ~ Beta(0.2, 0.2) with a shuffled partner, targets mixed alike); focal loss (γ 2) with class
 * weights α ∝ 1 / class frequency on the training videos, over the behaviours each video labelled.
 */
public final class BehaviorTraining implements Objective {
    /** The augmentations' settings (seed 004's by default). */
    public record Augmentation(int jitter, double scaleLow, double scaleHigh, double noise, double mixupAlpha) {
        public static Augmentation seed004() {
            return new Augmentation(2, 0.95, 1.05, 0.02, 0.2);
        }

        public static Augmentation none() {
            return new Augmentation(0, 1, 1, 0, 0);
        }
    }

    private static final float GAMMA = 2f;
    private final SequenceClassifier model;
    private final BehaviorData data;
    private final int batch;
    private final long seed;
    private final Augmentation augmentation;
    private final List<int[]> frames;
    private final float[] alpha;

    public BehaviorTraining(
            SequenceClassifier model, BehaviorData data, int batch, long seed, Augmentation augmentation) {
        this.model = model;
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        this.augmentation = augmentation;
        this.frames = data.labelledFrames();
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("the training videos have no labelled frames");
        }
        this.alpha = classWeights(data.classShares());
    }

    /** α_c ∝ 1 / share_c, scaled to average 1 over the classes present (absent classes get 0). */
    static float[] classWeights(double[] shares) {
        float[] a = new float[shares.length];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < shares.length; c++) {
            if (shares[c] > 0) {
                sum += 1 / shares[c];
                present++;
            }
        }
        for (int c = 0; c < shares.length; c++) {
            a[c] = shares[c] > 0 ? (float) (present / shares[c] / sum) : 0f;
        }
        return a;
    }

    public float[] classWeights() {
        return alpha.clone();
    }

    @Override
    public NDArray loss(NDManager manager, long step) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        int w = model.spec().window();
        int width = KeypointFeatures.COUNT;
        int classes = data.vocabulary().size();
        float[] x = new float[batch * w * width];
        float[] targets = new float[batch * classes];
        float[] allowed = new float[batch * classes];
        for (int b = 0; b < batch; b++) {
            int[] pick = frames.get(rng.nextInt(frames.size()));
            int shift = augmentation.jitter() == 0 ? 0 : rng.nextInt(-augmentation.jitter(), augmentation.jitter() + 1);
            data.window(pick[0], pick[1], w, shift, x, b * w * width);
            double scale =
                    augmentation.scaleLow() + rng.nextDouble() * (augmentation.scaleHigh() - augmentation.scaleLow());
            for (int i = b * w * width; i < (b + 1) * w * width; i++) {
                x[i] = (float) (x[i] * scale + augmentation.noise() * rng.nextGaussian());
            }
            targets[b * classes + data.video(pick[0]).labels()[pick[1]]] = 1f;
            System.arraycopy(data.allowed(pick[0]), 0, allowed, b * classes, classes);
        }
        if (augmentation.mixupAlpha() > 0) {
            mixup(x, targets, allowed, w * width, classes, rng);
        }
        NDArray logits = model.logits(manager.create(x, new Shape(batch, w, width)), true);
        return ClassificationLoss.focal(
                logits,
                manager.create(targets, new Shape(batch, classes)),
                manager.create(alpha),
                GAMMA,
                manager.create(allowed, new Shape(batch, classes)));
    }

    /** Zhang et al. 2018: each sample mixed with a random partner, one λ per batch. */
    private void mixup(float[] x, float[] targets, float[] allowed, int size, int classes, SplittableRandom rng) {
        // partners share their labelled behaviours (checked below), so the allowed classes stay as they are
        float lambda = (float) beta(augmentation.mixupAlpha(), rng);
        float[] x0 = x.clone();
        float[] t0 = targets.clone();
        float[] a0 = allowed;
        for (int b = 0; b < batch; b++) {
            int p = rng.nextInt(batch);
            if (!Arrays.equals(a0, p * classes, (p + 1) * classes, a0, b * classes, (b + 1) * classes)) {
                // a partner whose video labelled other behaviours could bring target mass onto a class this
                // sample's video never labelled: no mixing then
                p = b;
            }
            for (int i = 0; i < size; i++) {
                x[b * size + i] = lambda * x0[b * size + i] + (1 - lambda) * x0[p * size + i];
            }
            for (int c = 0; c < classes; c++) {
                targets[b * classes + c] = lambda * t0[b * classes + c] + (1 - lambda) * t0[p * classes + c];
            }
        }
    }

    /** Beta(a, a) by Jöhnk's algorithm (fine for a ≤ 1). */
    static double beta(double a, SplittableRandom rng) {
        while (true) {
            double u = Math.pow(rng.nextDouble(), 1 / a);
            double v = Math.pow(rng.nextDouble(), 1 / a);
            if (u + v <= 1 && u + v > 0) {
                return u / (u + v);
            }
        }
    }
}
