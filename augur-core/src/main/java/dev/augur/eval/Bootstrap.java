package dev.augur.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap (Efron 1979) of a mean over independent units — here test sequences, since frames of
 * one sequence are not independent. Seeded, so a report is reproducible.
 */
public final class Bootstrap {
    private final int resamples;
    private final double level;
    private final long seed;

    public Bootstrap(int resamples, double level, long seed) {
        if (resamples < 100) {
            throw new IllegalArgumentException("use at least 100 bootstrap resamples, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    public static Bootstrap standard() {
        return new Bootstrap(1000, 0.95, 20150609L);
    }

    public Estimate mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to average");
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int n = values.length;
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += values[rng.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Estimate(mean, Quantile.ofSorted(means, tail), Quantile.ofSorted(means, 1 - tail));
    }
}
