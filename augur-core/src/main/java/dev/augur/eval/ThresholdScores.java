package dev.augur.eval;

/**
 * Categorical scores of precipitation nowcasting at one intensity threshold, counted over every pixel of every
 * frame added (the usual pooled contingency table): a pixel is an event where its intensity is ≥ the threshold.
 * CSI = hits / (hits + misses + false alarms), POD = hits / (hits + misses), FAR = false alarms / (hits + false
 * alarms); NaN where the denominator is zero.
 */
public final class ThresholdScores {
    private final double threshold;
    private long hits;
    private long misses;
    private long falseAlarms;

    public ThresholdScores(double threshold) {
        this.threshold = threshold;
    }

    /** Counts truth and prediction laid out alike (predictions are not clipped: only the threshold matters). */
    public void add(float[] truth, int truthOffset, float[] predicted, int predictedOffset, int length) {
        for (int i = 0; i < length; i++) {
            boolean observed = truth[truthOffset + i] >= threshold;
            boolean forecast = predicted[predictedOffset + i] >= threshold;
            if (observed && forecast) {
                hits++;
            } else if (observed) {
                misses++;
            } else if (forecast) {
                falseAlarms++;
            }
        }
    }

    public record Scores(
            double threshold, long hits, long misses, long falseAlarms, double csi, double pod, double far) {}

    public Scores scores() {
        return new Scores(
                threshold,
                hits,
                misses,
                falseAlarms,
                ratio(hits, hits + misses + falseAlarms),
                ratio(hits, hits + misses),
                ratio(falseAlarms, hits + falseAlarms));
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
