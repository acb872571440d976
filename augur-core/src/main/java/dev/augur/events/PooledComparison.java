package dev.augur.events;

import dev.augur.eval.BinaryMetrics;
import dev.augur.eval.Estimate;
import dev.augur.eval.RecordingBootstrap;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.report.BarChart;
import dev.augur.report.HtmlPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Forecasters scored on many recordings (a lab's days): each recording alone, and all of them pooled, with
 * intervals from a {@link RecordingBootstrap} that draws whole recordings, so that the interval says how well the
 * result carries to the next recording rather than to the next minute of the same one. Every recording must be
 * scored by the same forecasters (a saved model and the baseline, say); each uses the frames all of them scored.
 */
public final class PooledComparison {
    private PooledComparison() {}

    /** One recording and its forecasters' probabilities per frame. */
    public record Recording(String name, BurstSeries series, List<ForecastComparison.Forecaster> forecasters) {}

    /** A recording alone: its scored frames, prevalence and each forecaster's ROC-AUC (NaN: one class only). */
    public record PerRecording(String name, int frames, double prevalence, double[] rocAuc) {}

    /** A forecaster on the pooled frames; the operating point uses its validation threshold where it has one. */
    public record Row(
            String name, Estimate rocAuc, double prAuc, double brier, double tprAtValidation, double fprAtValidation) {}

    public record Result(
            List<String> forecasters,
            List<PerRecording> recordings,
            int frames,
            double prevalence,
            int blockLength,
            List<Row> pooled,
            List<ForecastComparison.Difference> differences) {}

    public static Result compare(List<Recording> recordings, int horizon) {
        if (recordings.size() < 2) {
            throw new IllegalArgumentException("pooling needs at least two recordings, got " + recordings.size());
        }
        List<String> names = recordings.get(0).forecasters().stream()
                .map(ForecastComparison.Forecaster::name)
                .toList();
        List<double[][]> scores = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<PerRecording> per = new ArrayList<>();
        for (Recording r : recordings) {
            List<String> here = r.forecasters().stream()
                    .map(ForecastComparison.Forecaster::name)
                    .toList();
            if (!here.equals(names)) {
                throw new IllegalArgumentException(r.name() + ": scored by " + here + ", the first recording by "
                        + names + "; pooling needs the same forecasters on every recording");
            }
            int[] frames = ForecastComparison.common(r.series(), r.forecasters());
            if (frames.length < 10) {
                throw new IllegalArgumentException(r.name() + ": only " + frames.length
                        + " frames have a known label and a probability from every forecaster");
            }
            int[] y = Arrays.stream(frames).map(t -> r.series().labels()[t]).toArray();
            double[][] p = r.forecasters().stream()
                    .map(f -> Arrays.stream(frames)
                            .mapToDouble(t -> f.probabilities()[t])
                            .toArray())
                    .toArray(double[][]::new);
            scores.add(p);
            labels.add(y);
            per.add(new PerRecording(r.name(), frames.length, BurstRule.prevalence(y), aucs(p, y)));
        }
        RecordingBootstrap boot = new RecordingBootstrap(2 * horizon, 1000, 20220101L);
        int[] allY = labels.stream().flatMapToInt(Arrays::stream).toArray();
        List<Row> rows = new ArrayList<>();
        for (int m = 0; m < names.size(); m++) {
            int f = m;
            double[] allP =
                    scores.stream().flatMapToDouble(s -> Arrays.stream(s[f])).toArray();
            BinaryMetrics pooled = new BinaryMetrics(allP, allY);
            double threshold = recordings.get(0).forecasters().get(m).validationThreshold();
            BinaryMetrics.Threshold at = Double.isNaN(threshold) ? null : pooled.atThreshold(threshold);
            Estimate auc = boot.interval(
                    scores.stream().map(s -> s[f]).toList(), labels, (s, y) -> new BinaryMetrics(s, y).rocAuc());
            rows.add(new Row(
                    names.get(m),
                    auc,
                    pooled.averagePrecision(),
                    pooled.brier(),
                    at == null ? Double.NaN : at.tpr(),
                    at == null ? Double.NaN : at.fpr()));
        }
        List<ForecastComparison.Difference> diffs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                int a = i;
                int b = j;
                Estimate d = boot.paired(
                        scores.stream().map(s -> new double[][] {s[a], s[b]}).toList(),
                        labels,
                        (s, y) -> new BinaryMetrics(s[0], y).rocAuc() - new BinaryMetrics(s[1], y).rocAuc());
                diffs.add(new ForecastComparison.Difference(names.get(i), names.get(j), d));
            }
        }
        return new Result(names, per, allY.length, BurstRule.prevalence(allY), 2 * horizon, rows, diffs);
    }

    private static double[] aucs(double[][] p, int[] y) {
        double[] out = new double[p.length];
        for (int m = 0; m < p.length; m++) {
            try {
                out[m] = new BinaryMetrics(p[m], y).rocAuc();
            } catch (IllegalArgumentException oneClass) {
                out[m] = Double.NaN;
            }
        }
        return out;
    }

    public static String table(Result r) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "%d recordings, %d frames scored, prevalence %.3f%n%n| recording | frames | prevalence |",
                r.recordings().size(),
                r.frames(),
                r.prevalence()));
        r.forecasters().forEach(f -> b.append(' ').append(f).append(" ROC-AUC |"));
        b.append("\n|---|---|---|")
                .append("---|".repeat(r.forecasters().size()))
                .append('\n');
        for (PerRecording p : r.recordings()) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %.3f |", p.name(), p.frames(), p.prevalence()));
            for (double a : p.rocAuc()) {
                b.append(Double.isNaN(a) ? " one class |" : String.format(Locale.ROOT, " %.3f |", a));
            }
            b.append('\n');
        }
        b.append("\nPooled over all recordings:\n\n| forecaster | ROC-AUC [95% CI] | PR-AUC | Brier |"
                + " at validation threshold: TPR / FPR |\n|---|---|---|---|---|\n");
        for (Row w : r.pooled()) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.3f | %.4f | %s |%n",
                    w.name(),
                    w.rocAuc().text(),
                    w.prAuc(),
                    w.brier(),
                    Double.isNaN(w.tprAtValidation())
                            ? "none chosen"
                            : String.format(Locale.ROOT, "%.3f / %.3f", w.tprAtValidation(), w.fprAtValidation())));
        }
        b.append('\n').append(ForecastComparison.differences(r.differences()));
        b.append(String.format(
                Locale.ROOT,
                "(95%% intervals: two-stage bootstrap, 1,000 resamples drawing whole recordings, then blocks of %d"
                        + " frames within each)%n",
                r.blockLength()));
        return b.toString();
    }

    private static List<List<String>> perRecordingRows(Result r) {
        List<List<String>> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("recording", "frames", "prevalence"));
        r.forecasters().forEach(f -> head.add(f + " ROC-AUC"));
        rows.add(head);
        for (PerRecording p : r.recordings()) {
            List<String> row = new ArrayList<>(List.of(
                    p.name(), Integer.toString(p.frames()), String.format(Locale.ROOT, "%.3f", p.prevalence())));
            for (double a : p.rocAuc()) {
                row.add(Double.isNaN(a) ? "one class" : String.format(Locale.ROOT, "%.3f", a));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> pooledRows(Result r) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("forecaster", "ROC-AUC [95% CI]", "PR-AUC", "Brier", "TPR / FPR at validation threshold"));
        for (Row w : r.pooled()) {
            rows.add(List.of(
                    w.name(),
                    w.rocAuc().text(),
                    String.format(Locale.ROOT, "%.3f", w.prAuc()),
                    String.format(Locale.ROOT, "%.4f", w.brier()),
                    Double.isNaN(w.tprAtValidation())
                            ? "none chosen"
                            : String.format(Locale.ROOT, "%.3f / %.3f", w.tprAtValidation(), w.fprAtValidation())));
        }
        return rows;
    }

    /** summary.md, metrics.json, per_recording.png and report.html in {@code out}. */
    public static void write(Result r, Path out) throws IOException {
        Files.createDirectories(out);
        String table = table(r);
        AtomicFiles.writeString(out.resolve("summary.md"), "# Burst forecasts on many recordings\n\n" + table);
        AtomicFiles.writeString(out.resolve("metrics.json"), Json.mapper().writeValueAsString(r));
        List<BarChart.Panel> panels = new ArrayList<>();
        List<String> recs = r.recordings().stream().map(PerRecording::name).toList();
        for (int m = 0; m < r.forecasters().size(); m++) {
            int f = m;
            double[] auc = r.recordings().stream()
                    .mapToDouble(p -> Double.isNaN(p.rocAuc()[f]) ? 0 : p.rocAuc()[f])
                    .toArray();
            panels.add(new BarChart.Panel(r.forecasters().get(m), "ROC-AUC", recs, auc, auc, auc));
        }
        Path png = out.resolve("per_recording.png");
        BarChart.write(panels, Math.max(360, 60 * recs.size()), 420, png);
        new HtmlPage("Burst forecasts on " + recs.size() + " recordings")
                .paragraph("Each recording alone, then pooled; intervals from a bootstrap that draws whole"
                        + " recordings. Forecasters and frames as in each recording's own report (recordings/).")
                .image(png, "ROC-AUC per recording and forecaster")
                .heading("Each recording")
                .table(perRecordingRows(r))
                .heading("Pooled")
                .table(pooledRows(r))
                .write(out.resolve("report.html"));
    }
}
