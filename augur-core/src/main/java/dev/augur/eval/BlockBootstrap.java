package dev.augur.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Moving-block bootstrap (Künsch 1989) for statistics of time series: neighbouring frames are strongly
 * dependent, so frames are resampled in contiguous blocks, which keeps that dependence inside each block and
 * gives honest intervals. Paired use (two forecasters, same resampled frames) gives the interval of their
 * difference.
 */
public final class BlockBootstrap {
    private final int blockLength;
    private final int resamples;
    private final long seed;

    public BlockBootstrap(int blockLength, int resamples, long seed) {
        if (blockLength < 1 || resamples < 100) {
            throw new IllegalArgumentException("block length must be >= 1 and resamples >= 100");
        }
        this.blockLength = blockLength;
        this.resamples = resamples;
        this.seed = seed;
    }

    /** 95% interval of {@code statistic(scores, labels)} over block resamples; degenerate resamples are skipped. */
    public Estimate interval(double[] scores, int[] labels, ToDoubleBiFunction<double[], int[]> statistic) {
        return paired(new double[][] {scores}, labels, (s, y) -> statistic.applyAsDouble(s[0], y));
    }

    /** The same resampled frames for every series in {@code scores} (for paired differences). */
    public Estimate paired(double[][] scores, int[] labels, ToDoubleBiFunction<double[][], int[]> statistic) {
        int n = labels.length;
        double point = statistic.applyAsDouble(scores, labels);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            int[] idx = new int[n];
            for (int filled = 0; filled < n; ) {
                int start = rng.nextInt(Math.max(1, n - blockLength + 1));
                for (int k = 0; k < blockLength && filled < n; k++) {
                    idx[filled++] = start + k;
                }
            }
            double[][] s = new double[scores.length][n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < scores.length; m++) {
                    s[m][i] = scores[m][idx[i]];
                }
                y[i] = labels[idx[i]];
            }
            try {
                values[kept] = statistic.applyAsDouble(s, y);
                kept++;
            } catch (IllegalArgumentException oneClassOnly) {
                // a resample with no positives has no AUC: skip it
            }
        }
        if (kept < resamples / 2) {
            throw new IllegalArgumentException(
                    "too few usable bootstrap resamples (" + kept + " of " + resamples + ")");
        }
        double[] v = Arrays.copyOf(values, kept);
        Arrays.sort(v);
        return new Estimate(point, v[(int) Math.floor(0.025 * (kept - 1))], v[(int) Math.ceil(0.975 * (kept - 1))]);
    }
}
