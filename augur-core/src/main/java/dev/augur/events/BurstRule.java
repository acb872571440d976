package dev.augur.events;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Seed 000's target: label[t] = 1 when, over the window ỹ[t … t+h], the peak-to-peak range is at least
 * {@code minRange} (c) and ỹ[t] ≤ min + {@code lowFraction}·range (b): motion is low now and a spike follows
 * within h frames. Frames whose window runs past the end, and the first {@code warmUp} frames, have no label (−1).
 * The author's published labels (seed 000's {@code Y_label.npy}) start at t = 4n − 1 = 119, the first frame with a
 * full 4-second input window, and hold 0 where this rule says −1; with that reading the rule reproduces them exactly.
 *
 * @param horizon     h in frames (45 = 1.5 s at 30 fps)
 * @param minRange    c, tuned to the seed's footage (0.001)
 * @param lowFraction b (0.1)
 * @param warmUp      frames before the first labelled one (seed: 4n − 1 = 119; 0 in bundles made before)
 */
public record BurstRule(int horizon, double minRange, double lowFraction, int warmUp) implements Serializable {
    /**
     * The 5–95% span of the seed's real motion energy, the scale its constants were tuned to: measured on the
     * training block of seed 000's published series (0.000602 … 0.002042); an earlier reading of the seed's plots
     * (0.0006–0.0028) overstated it by half.
     */
    public static final double SEED_ENERGY_SPAN = 0.0014403;

    public BurstRule {
        if (warmUp < 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 frames, got " + warmUp);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1 frame, got " + horizon);
        }
        if (!(minRange > 0)) {
            throw new IllegalArgumentException("minimum range c must be > 0, got " + minRange);
        }
        if (!(lowFraction >= 0 && lowFraction <= 1)) {
            throw new IllegalArgumentException("low fraction b must be in [0, 1], got " + lowFraction);
        }
    }

    /** The rule without a warm-up: every frame whose window fits is labelled. */
    public BurstRule(int horizon, double minRange, double lowFraction) {
        this(horizon, minRange, lowFraction, 0);
    }

    /** Seed 000's h, c and b; also the defaults of every command line's label flags. */
    public static final int SEED_HORIZON = 45;

    public static final double SEED_MIN_RANGE = 0.001;
    public static final double SEED_LOW_FRACTION = 0.1;

    /** The seed's constants: h = 45, c = 0.001, b = 0.1, labels from frame 4n − 1 = 119 on (n = 30). */
    public static BurstRule seed000() {
        return new BurstRule(SEED_HORIZON, SEED_MIN_RANGE, SEED_LOW_FRACTION, SEED_WARM_UP);
    }

    /** Frames before the seed's first labelled frame: its model reads 120 frames (t − 119 … t). */
    public static final int SEED_WARM_UP = 119;

    /**
     * The same rule with c rescaled to other footage: c·s/s₀, where s is the 5–95% span of the training
     * blocks' motion energy and s₀ the seed's. Fitted on training data only.
     */
    public BurstRule refit(double[] trainingEnergy) {
        return new BurstRule(horizon, minRange * energySpan(trainingEnergy) / SEED_ENERGY_SPAN, lowFraction, warmUp);
    }

    public int[] labels(double[] energy) {
        int[] out = new int[energy.length];
        Arrays.fill(out, -1);
        for (int t = warmUp; t + horizon < energy.length; t++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = t; i <= t + horizon; i++) {
                min = Math.min(min, energy[i]);
                max = Math.max(max, energy[i]);
            }
            double range = max - min;
            out[t] = range >= minRange && energy[t] <= min + lowFraction * range ? 1 : 0;
        }
        return out;
    }

    /** Share of labelled frames that are positive. */
    public static double prevalence(int[] labels) {
        long pos = Arrays.stream(labels).filter(l -> l == 1).count();
        long known = Arrays.stream(labels).filter(l -> l >= 0).count();
        return known == 0 ? Double.NaN : (double) pos / known;
    }

    /** The 5–95% span of a motion-energy series: its scale, robust to a few extreme frames. */
    public static double energySpan(double[] energy) {
        double[] sorted =
                Arrays.stream(energy).filter(Double::isFinite).sorted().toArray();
        if (sorted.length < 2) {
            throw new IllegalArgumentException("need at least two motion-energy values to measure their span");
        }
        double span = sorted[(int) Math.floor(0.95 * (sorted.length - 1))]
                - sorted[(int) Math.floor(0.05 * (sorted.length - 1))];
        if (!(span > 0)) {
            throw new IllegalArgumentException("motion energy is constant: nothing moves in the training blocks");
        }
        return span;
    }
}
