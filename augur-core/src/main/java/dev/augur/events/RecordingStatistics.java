package dev.augur.events;

import dev.augur.eval.Quantile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The statistics that say whether a recording's motion energy and labels look like seed 000's real tank (the
 * table of ../shared/data/fish-lin2021/README.md): share of positive frames, burst episodes per minute (label runs
 * at most one horizon apart merged), the intervals between episode starts, the energy's median and 99th
 * percentile, and its autocorrelation at 0.5, 1.5, 3 and 6 s.
 */
public record RecordingStatistics(
        int frames,
        double positiveShare,
        double episodesPerMinute,
        double meanInterval,
        double medianInterval,
        double intervalCv,
        double energyMedian,
        double p99OverMedian,
        double[] autocorrelation) {
    /** Lags of the autocorrelation, in seconds. */
    private static final double[] LAGS = {0.5, 1.5, 3, 6};

    /** The lags, in seconds, of the autocorrelations a profile holds, in its order. */
    public static double[] lags() {
        return LAGS.clone();
    }

    /** Statistics of a labelled series; the horizon merges label runs into episodes (seed 000: 45 frames). */
    public static RecordingStatistics of(BurstSeries s, int horizon) {
        double fps = s.fps();
        int[] labels = s.labels();
        int[] frames = IntStream.range(0, labels.length).toArray();
        List<int[]> episodes = LeadTime.episodes(frames, labels, horizon);
        double[] intervals = new double[Math.max(0, episodes.size() - 1)];
        for (int i = 1; i < episodes.size(); i++) {
            intervals[i - 1] = (episodes.get(i)[0] - episodes.get(i - 1)[0]) / fps;
        }
        double mean = Arrays.stream(intervals).average().orElse(Double.NaN);
        double sd = Math.sqrt(Arrays.stream(intervals)
                .map(v -> (v - mean) * (v - mean))
                .average()
                .orElse(Double.NaN));
        double[] sorted = Arrays.stream(s.energy()).sorted().toArray();
        double median = Quantile.ofSorted(sorted, 0.5);
        double[] acf = new double[LAGS.length];
        for (int i = 0; i < LAGS.length; i++) {
            acf[i] = autocorrelation(s.energy(), (int) Math.round(LAGS[i] * fps));
        }
        return new RecordingStatistics(
                labels.length,
                BurstRule.prevalence(labels),
                episodes.size() / (labels.length / fps / 60),
                mean,
                Quantile.of(intervals, 0.5),
                sd / mean,
                median,
                Quantile.ofSorted(sorted, 0.99) / median,
                acf);
    }

    /** Σ z[t]·z[t+lag] / Σ z[t]² with z the series minus its mean. */
    static double autocorrelation(double[] x, int lag) {
        double mean = Arrays.stream(x).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int t = 0; t < x.length; t++) {
            double z = x[t] - mean;
            den += z * z;
            if (t + lag < x.length) {
                num += z * (x[t + lag] - mean);
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** One row per statistic: name, this recording's value, the other's, and whether they agree (20%; ACF ±0.05). */
    public static String table(String nameA, RecordingStatistics a, String nameB, RecordingStatistics b) {
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT, "| statistic | %s | %s | within 20%% (ACF ±0.05) |%n|---|---|---|---|%n", nameA, nameB));
        for (Row r : rows(a, b)) {
            s.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s |%n",
                    r.name(),
                    fmt(r.a()),
                    fmt(r.b()),
                    r.agrees() ? "yes" : "no"));
        }
        return s.toString();
    }

    /** A compared statistic; {@code absolute} rows agree within ±0.05, the others within 20% of {@code b}. */
    public record Row(String name, double a, double b, boolean absolute) {
        public boolean agrees() {
            return absolute ? Math.abs(a - b) <= 0.05 : Math.abs(a - b) <= 0.2 * Math.abs(b);
        }
    }

    public static List<Row> rows(RecordingStatistics a, RecordingStatistics b) {
        List<Row> rows = new ArrayList<>(List.of(
                new Row("positive frames", a.positiveShare(), b.positiveShare(), false),
                new Row("burst episodes per minute", a.episodesPerMinute(), b.episodesPerMinute(), false),
                new Row("interval between episodes: mean (s)", a.meanInterval(), b.meanInterval(), false),
                new Row("interval between episodes: median (s)", a.medianInterval(), b.medianInterval(), false),
                new Row("interval between episodes: CV", a.intervalCv(), b.intervalCv(), false),
                new Row("motion energy median", a.energyMedian(), b.energyMedian(), false),
                new Row("motion energy 99th percentile / median", a.p99OverMedian(), b.p99OverMedian(), false)));
        for (int i = 0; i < LAGS.length; i++) {
            rows.add(new Row(
                    String.format(Locale.ROOT, "autocorrelation at %.1f s", LAGS[i]),
                    a.autocorrelation()[i],
                    b.autocorrelation()[i],
                    true));
        }
        return rows;
    }

    private static String fmt(double v) {
        return Math.abs(v) < 0.01 && v != 0
                ? String.format(Locale.ROOT, "%.5f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }
}
