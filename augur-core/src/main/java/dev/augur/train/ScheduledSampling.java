package dev.augur.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Scheduled sampling (Bengio et al. 2015) as predrnn-pytorch's {@code run.py} does it: η starts at
 * {@code start} and falls by {@code delta} per iteration to 0; for each (sequence, future step) a Bernoulli(η)
 * draw picks the true frame (1) or the model's own prediction (0). The mask is drawn from (seed, step) alone so
 * a resumed run draws the same masks.
 */
public record ScheduledSampling(double start, double delta) {

    public double eta(long step) {
        return Math.max(0.0, start - delta * step);
    }

    /** The [batch, steps] mask for {@code step}, or null when there is nothing to mask. */
    public NDArray mask(NDManager manager, long seed, long step, int batch, int steps) {
        if (steps <= 0) {
            return null;
        }
        double eta = eta(step);
        SplittableRandom rng = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + step * 0x9E3779B97F4A7C15L + 7);
        float[] m = new float[batch * steps];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < eta ? 1f : 0f;
        }
        return manager.create(m, new Shape(batch, steps));
    }
}
