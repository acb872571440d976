package dev.augur.events;

/**
 * Seed 000's algorithmic baseline. Over the last d frames of motion energy W = ỹ[t−d … t−1]:
 * P[t] = ½·(σ(a·(ptp(W) − θ)) + σ(−k·(ỹ[t−1] − (min(W) + f·ptp(W))))): the group has been moving enough
 * lately, and is calm right now. Causal: P[t] reads nothing after frame t. NaN for t &lt; d.
 *
 * @param lookback     d (89 frames)
 * @param rangeThreshold θ (0.0006)
 * @param rangeSlope   a (5300)
 * @param calmSlope    k (11000)
 * @param calmFraction f (0.2)
 */
public record AlgorithmicBaseline(
        int lookback, double rangeThreshold, double rangeSlope, double calmSlope, double calmFraction) {
    public AlgorithmicBaseline {
        if (lookback < 2) {
            throw new IllegalArgumentException("look-back must be >= 2 frames, got " + lookback);
        }
        if (!(rangeSlope > 0) || !(calmSlope > 0)) {
            throw new IllegalArgumentException("slopes must be > 0");
        }
    }

    /** The constants as published (tuned to the seed's footage). */
    public static AlgorithmicBaseline seed000() {
        return new AlgorithmicBaseline(89, 0.0006, 5300, 11000, 0.2);
    }

    /**
     * Refit to other footage on training blocks only: thresholds scale with the span s of the training motion
     * energy and slopes inversely, s/s₀ relative to the seed's span, so the sigmoids keep their shape.
     */
    public AlgorithmicBaseline refit(double[] trainingEnergy) {
        return scaled(BurstRule.energySpan(trainingEnergy) / BurstRule.SEED_ENERGY_SPAN);
    }

    /** The constants for footage whose motion energy spans r times the seed's (what {@link #refit} computes). */
    public AlgorithmicBaseline scaled(double r) {
        return new AlgorithmicBaseline(lookback, rangeThreshold * r, rangeSlope / r, calmSlope / r, calmFraction);
    }

    public double[] probabilities(double[] energy) {
        double[] p = new double[energy.length];
        for (int t = 0; t < energy.length; t++) {
            if (t < lookback) {
                p[t] = Double.NaN;
                continue;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = t - lookback; i < t; i++) {
                min = Math.min(min, energy[i]);
                max = Math.max(max, energy[i]);
            }
            double ptp = max - min;
            double active = sigmoid(rangeSlope * (ptp - rangeThreshold));
            double calm = sigmoid(-calmSlope * (energy[t - 1] - (min + calmFraction * ptp)));
            p[t] = (active + calm) / 2;
        }
        return p;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
