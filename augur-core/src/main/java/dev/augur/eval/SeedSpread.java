package dev.augur.eval;

import java.util.Arrays;

/**
 * Mean and sample standard deviation (n − 1) of one result over training seeds: the spread a table reports beside
 * each run's own interval; sd is NaN for a single seed.
 */
public record SeedSpread(double mean, double sd) {
    public static SeedSpread of(double[] perSeed) {
        double m = Arrays.stream(perSeed).average().orElse(Double.NaN);
        double sd = perSeed.length < 2
                ? Double.NaN
                : Math.sqrt(Arrays.stream(perSeed).map(x -> (x - m) * (x - m)).sum() / (perSeed.length - 1));
        return new SeedSpread(m, sd);
    }
}
