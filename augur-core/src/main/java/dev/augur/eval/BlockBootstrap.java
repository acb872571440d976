package dev.augur.eval;

import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * Moving-block bootstrap (Künsch 1989) for statistics of time series: neighbouring frames are strongly
 * dependent, so frames are resampled in contiguous blocks, which keeps that dependence inside each block and
 * gives honest intervals. Paired use (two forecasters, same resampled frames) gives the interval of their
 * difference.
 */
public final class BlockBootstrap {
    /** One recording's two-stage bootstrap draws no recording: it is exactly this one. */
    private final RecordingBootstrap oneRecording;

    public BlockBootstrap(int blockLength, int resamples, long seed) {
        this.oneRecording = new RecordingBootstrap(blockLength, resamples, seed);
    }

    /** 95% interval of {@code statistic(scores, labels)} over block resamples; degenerate resamples are skipped. */
    public Estimate interval(double[] scores, int[] labels, ToDoubleBiFunction<double[], int[]> statistic) {
        return paired(new double[][] {scores}, labels, (s, y) -> statistic.applyAsDouble(s[0], y));
    }

    /** The same resampled frames for every series in {@code scores} (for paired differences). */
    public Estimate paired(double[][] scores, int[] labels, ToDoubleBiFunction<double[][], int[]> statistic) {
        return oneRecording.paired(List.<double[][]>of(scores), List.<int[]>of(labels), statistic);
    }
}
