package dev.augur.eval;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Two-stage bootstrap for statistics pooled over several recordings (Davison and Hinkley 1997, §3.8, resampling
 * clustered data): each resample draws whole recordings with replacement, then moving blocks of frames within each
 * drawn recording ({@link BlockBootstrap}), and pools the frames. Recordings differ more than frames within one do,
 * so the interval reflects how many recordings there are; a single long recording cannot make it narrow. With one
 * recording it is the moving-block bootstrap.
 */
public final class RecordingBootstrap {
    private final int blockLength;
    private final int resamples;
    private final long seed;

    public RecordingBootstrap(int blockLength, int resamples, long seed) {
        if (blockLength < 1 || resamples < 100) {
            throw new IllegalArgumentException("block length must be >= 1 and resamples >= 100");
        }
        this.blockLength = blockLength;
        this.resamples = resamples;
        this.seed = seed;
    }

    /**
     * 95% interval of {@code statistic} on the pooled frames, the same resample for every forecaster (paired).
     *
     * @param scores per recording, [forecaster][frame]
     * @param labels per recording, [frame]
     */
    public Estimate paired(
            List<double[][]> scores, List<int[]> labels, ToDoubleBiFunction<double[][], int[]> statistic) {
        int recordings = labels.size();
        if (recordings == 0 || scores.size() != recordings) {
            throw new IllegalArgumentException("need scores and labels for the same recordings, at least one");
        }
        int forecasters = scores.get(0).length;
        Pool whole = pool(scores, labels, identity(recordings), null, forecasters);
        double point = statistic.applyAsDouble(whole.scores(), whole.labels());
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[resamples];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            int[] drawn = new int[recordings];
            int[][] frames = new int[recordings][];
            for (int k = 0; k < recordings; k++) {
                // one recording draws nothing: the moving-block bootstrap, random draw for random draw
                drawn[k] = recordings == 1 ? 0 : rng.nextInt(recordings);
                frames[k] = blocks(labels.get(drawn[k]).length, rng);
            }
            Pool p = pool(scores, labels, drawn, frames, forecasters);
            try {
                values[kept] = statistic.applyAsDouble(p.scores(), p.labels());
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

    /** Pooled statistic of one forecaster. */
    public Estimate interval(List<double[]> scores, List<int[]> labels, ToDoubleBiFunction<double[], int[]> statistic) {
        return paired(
                scores.stream().map(s -> new double[][] {s}).toList(),
                labels,
                (s, y) -> statistic.applyAsDouble(s[0], y));
    }

    /** Row indices of one moving-block resample of {@code n} frames. */
    private int[] blocks(int n, SplittableRandom rng) {
        int[] idx = new int[n];
        for (int filled = 0; filled < n; ) {
            int start = rng.nextInt(Math.max(1, n - blockLength + 1));
            for (int k = 0; k < blockLength && filled < n; k++) {
                idx[filled++] = start + k;
            }
        }
        return idx;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    private record Pool(double[][] scores, int[] labels) {}

    /** The drawn recordings' frames (all, or the resampled rows {@code frames}) end to end. */
    private static Pool pool(
            List<double[][]> scores, List<int[]> labels, int[] drawn, int[][] frames, int forecasters) {
        int n = 0;
        for (int k = 0; k < drawn.length; k++) {
            n += frames == null ? labels.get(drawn[k]).length : frames[k].length;
        }
        double[][] out = new double[forecasters][n];
        int[] y = new int[n];
        int at = 0;
        for (int k = 0; k < drawn.length; k++) {
            double[][] s = scores.get(drawn[k]);
            int[] l = labels.get(drawn[k]);
            int len = frames == null ? l.length : frames[k].length;
            for (int i = 0; i < len; i++) {
                int t = frames == null ? i : frames[k][i];
                for (int m = 0; m < forecasters; m++) {
                    out[m][at] = s[m][t];
                }
                y[at] = l[t];
                at++;
            }
        }
        return new Pool(out, y);
    }
}
