package dev.augur.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Scheduled sampling (Bengio et al. 2015) as predrnn-pytorch's {@code run.py} does it. Standard: η starts at
 * {@code start} and falls by {@code delta} per iteration, to 0 at {@code stop} (0 = no forced stop); for each
 * (sequence, future step) a Bernoulli(η) draw picks the true frame (1) or the model's own prediction (0).
 * Reverse (PredRNN-V2, {@code reverse} set): the encoder steps 1 … J−1 also draw, with
 * r_η = 0.5 before {@code reverse.first}, 1 − 0.5·exp(−(it − first)/alpha) until {@code reverse.last}, then 1; the
 * decoder's η is 0.5 until {@code first}, falls linearly to 0 at {@code last}. Masks are drawn from (seed, step)
 * alone so a resumed run draws the same masks.
 */
public record ScheduledSampling(double start, double delta, long stop, Reverse reverse) {

    /** The iterations and time constant of reverse scheduled sampling (predrnn-pytorch: 25000, 50000, 5000). */
    public record Reverse(long first, long last, double alpha) {
        public Reverse {
            if (first < 0 || last <= first || !(alpha > 0)) {
                throw new IllegalArgumentException(
                        "reverse scheduled sampling needs 0 <= first < last and alpha > 0, got " + first + ", " + last
                                + ", " + alpha);
            }
        }
    }

    public ScheduledSampling {
        if (!(start >= 0 && start <= 1)) {
            throw new IllegalArgumentException("sampling start must be in [0, 1], got " + start);
        }
        if (!(delta >= 0) || stop < 0) {
            throw new IllegalArgumentException("sampling delta and stop must be >= 0, got " + delta + ", " + stop);
        }
    }

    /** Standard scheduled sampling without a forced stop. */
    public static ScheduledSampling linear(double start, double delta) {
        return new ScheduledSampling(start, delta, 0, null);
    }

    /** No sampling: after the J inputs the model always reads its own predictions. */
    public static ScheduledSampling off() {
        return linear(0, 0);
    }

    /** Probability of feeding the true frame at a decoder step. */
    public double eta(long step) {
        if (reverse != null) {
            if (step < reverse.first()) {
                return 0.5;
            }
            return step < reverse.last()
                    ? 0.5 - 0.5 * (step - reverse.first()) / (double) (reverse.last() - reverse.first())
                    : 0.0;
        }
        if (stop > 0 && step >= stop) {
            return 0.0;
        }
        return Math.max(0.0, start - delta * step);
    }

    /** Probability of feeding the true frame at an encoder step (reverse sampling only; 1 otherwise). */
    public double reverseEta(long step) {
        if (reverse == null || step >= reverse.last()) {
            return 1.0;
        }
        return step < reverse.first() ? 0.5 : 1.0 - 0.5 * Math.exp(-(step - reverse.first()) / reverse.alpha());
    }

    /**
     * The mask of {@code step} for clips of {@code total} frames with {@code inputLength} inputs: [B, T−J−1]
     * (decoder steps) or, with reverse sampling, [B, T−2] (every step after the first); null when empty.
     */
    public NDArray mask(NDManager manager, long seed, long step, int batch, int inputLength, int total) {
        int decoder = total - inputLength - 1;
        int encoder = reverse != null ? inputLength - 1 : 0;
        int width = encoder + Math.max(0, decoder);
        if (width <= 0) {
            return null;
        }
        SplittableRandom rng = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + step * 0x9E3779B97F4A7C15L + 7);
        double eta = eta(step);
        double rEta = reverseEta(step);
        float[] m = new float[batch * width];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < width; i++) {
                m[b * width + i] = rng.nextDouble() < (i < encoder ? rEta : eta) ? 1f : 0f;
            }
        }
        return manager.create(m, new Shape(batch, width));
    }
}
