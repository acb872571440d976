package dev.augur.events;

import dev.augur.data.CsvTable;
import dev.augur.eval.BinaryMetrics;
import dev.augur.eval.BlockBootstrap;
import dev.augur.eval.Estimate;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.report.HtmlPage;
import dev.augur.report.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Several burst forecasters scored on one labelled recording, on the frames that every one of them scored (and
 * whose label is known): ROC-AUC with moving-block bootstrap intervals, the paired interval of every AUC
 * difference, PR-AUC and Brier score, the operating point at the threshold chosen on validation where there is
 * one, and — labelled as chosen on this data — its own Youden point and peak accuracy (seed 000 reported these).
 */
public final class ForecastComparison {
    private ForecastComparison() {}

    /** A forecaster's probability for every frame of the series (NaN: none); its validation threshold or NaN. */
    public record Forecaster(String name, double[] probabilities, double validationThreshold) {}

    /** A threshold and what it gives; {@code chosenOn} says which data chose it. */
    public record OperatingPoint(
            String chosenOn, double threshold, double tpr, double fpr, double accuracy, double balancedAccuracy) {
        static OperatingPoint of(String chosenOn, BinaryMetrics.Threshold t) {
            return new OperatingPoint(chosenOn, t.threshold(), t.tpr(), t.fpr(), t.accuracy(), t.balancedAccuracy());
        }
    }

    public record Row(
            String name,
            Estimate rocAuc,
            double prAuc,
            double brier,
            OperatingPoint atValidationThreshold,
            OperatingPoint ownYouden,
            OperatingPoint ownPeakAccuracy,
            LeadTime leadTime) {}

    /** AUC of {@code first} minus AUC of {@code second}, paired over the same resampled blocks of frames. */
    public record Difference(String first, String second, Estimate rocAuc) {}

    public record Result(
            String recording,
            int frames,
            int firstFrame,
            int lastFrame,
            double prevalence,
            double majorityAccuracy,
            int blockLength,
            List<Row> rows,
            List<Difference> differences) {}

    /** Scores {@code forecasters} on {@code series}; bootstrap blocks of two horizons of frames. */
    public static Result compare(String recording, BurstSeries series, List<Forecaster> forecasters, int horizon) {
        if (forecasters.isEmpty()) {
            throw new IllegalArgumentException(
                    "nothing to score: give a model, forecasts, or a series with a baseline");
        }
        int[] frames = common(series, forecasters);
        if (frames.length < 10) {
            throw new IllegalArgumentException(recording + ": only " + frames.length
                    + " frames have a known label and a" + " probability from every forecaster; nothing to score");
        }
        int[] y = Arrays.stream(frames).map(t -> series.labels()[t]).toArray();
        double[][] p = forecasters.stream()
                .map(f -> Arrays.stream(frames)
                        .mapToDouble(t -> f.probabilities()[t])
                        .toArray())
                .toArray(double[][]::new);
        int blockLength = 2 * horizon;
        BlockBootstrap boot = new BlockBootstrap(blockLength, 1000, 20220101L);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < forecasters.size(); i++) {
            Forecaster f = forecasters.get(i);
            BinaryMetrics m = new BinaryMetrics(p[i], y);
            Estimate auc = boot.interval(p[i], y, (s, l) -> new BinaryMetrics(s, l).rocAuc());
            OperatingPoint val = Double.isNaN(f.validationThreshold())
                    ? null
                    : OperatingPoint.of("validation", m.atThreshold(f.validationThreshold()));
            double alertAt = Double.isNaN(f.validationThreshold()) ? m.youden().threshold() : f.validationThreshold();
            rows.add(new Row(
                    f.name(),
                    auc,
                    m.averagePrecision(),
                    m.brier(),
                    val,
                    OperatingPoint.of("this data (optimistic)", m.youden()),
                    OperatingPoint.of("this data (optimistic)", m.peakAccuracy()),
                    LeadTime.of(frames, y, p[i], alertAt, horizon)));
        }
        List<Difference> diffs = new ArrayList<>();
        for (int i = 0; i < forecasters.size(); i++) {
            for (int j = i + 1; j < forecasters.size(); j++) {
                Estimate d = boot.paired(
                        new double[][] {p[i], p[j]},
                        y,
                        (s, l) -> new BinaryMetrics(s[0], l).rocAuc() - new BinaryMetrics(s[1], l).rocAuc());
                diffs.add(new Difference(
                        forecasters.get(i).name(), forecasters.get(j).name(), d));
            }
        }
        BinaryMetrics any = new BinaryMetrics(p[0], y);
        return new Result(
                recording,
                frames.length,
                series.firstFrame() + frames[0],
                series.firstFrame() + frames[frames.length - 1],
                any.prevalence(),
                any.majorityAccuracy(),
                blockLength,
                rows,
                diffs);
    }

    /** Row indices of the frames with a known label and a finite probability from every forecaster. */
    static int[] common(BurstSeries series, List<Forecaster> forecasters) {
        return IntStream.range(0, series.length())
                .filter(t -> series.labels()[t] >= 0)
                .filter(t -> forecasters.stream().allMatch(f -> Double.isFinite(f.probabilities()[t])))
                .toArray();
    }

    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "%s: %d frames scored (%d … %d), prevalence %.3f, \"never\" scores accuracy %.3f%n%n",
                r.recording(),
                r.frames(),
                r.firstFrame(),
                r.lastFrame(),
                r.prevalence(),
                r.majorityAccuracy()));
        b.append("| forecaster | ROC-AUC [95% CI] | PR-AUC | Brier | at validation threshold: TPR / FPR / acc. |"
                + " own Youden TPR / FPR (chosen here) | own peak acc. (chosen here) "
                + "|\n|---|---|---|---|---|---|---|\n");
        for (Row w : r.rows()) {
            OperatingPoint v = w.atValidationThreshold();
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.3f | %.4f | %s | %.3f / %.3f | %.3f |%n",
                    w.name(),
                    w.rocAuc().text(),
                    w.prAuc(),
                    w.brier(),
                    v == null
                            ? "none chosen"
                            : String.format(
                                    Locale.ROOT,
                                    "%.3f / %.3f / %.3f (p ≥ %.3f)",
                                    v.tpr(),
                                    v.fpr(),
                                    v.accuracy(),
                                    v.threshold()),
                    w.ownYouden().tpr(),
                    w.ownYouden().fpr(),
                    w.ownPeakAccuracy().accuracy()));
        }
        b.append('\n').append(differences(r.differences()));
        b.append(String.format(
                Locale.ROOT,
                "(95%% intervals: paired moving-block bootstrap, 1,000 resamples of blocks of %d frames)%n",
                r.blockLength()));
        return b.toString();
    }

    /** One line per paired ROC-AUC difference, with its interval. */
    static String differences(List<Difference> differences) {
        StringBuilder b = new StringBuilder();
        for (Difference d : differences) {
            b.append(String.format(
                    Locale.ROOT,
                    "ROC-AUC %s − %s: %+.3f [%+.3f, %+.3f]%n",
                    d.first(),
                    d.second(),
                    d.rocAuc().mean(),
                    d.rocAuc().low(),
                    d.rocAuc().high()));
        }
        return b.toString();
    }

    /** summary.md, metrics.json, scores.csv and report.html (with roc.png and trace.png) in {@code out}. */
    public static void write(Result r, BurstSeries series, List<Forecaster> forecasters, Path out) throws IOException {
        Files.createDirectories(out);
        String table = table(r);
        AtomicFiles.writeString(out.resolve("summary.md"), "# " + r.recording() + "\n\n" + table);
        AtomicFiles.writeString(out.resolve("metrics.json"), Json.mapper().writeValueAsString(r));
        int[] frames = common(series, forecasters);
        StringBuilder csv = new StringBuilder("frame,time,motion_energy,label");
        forecasters.forEach(f -> csv.append(',').append(f.name().replace(',', ' ')));
        csv.append('\n');
        for (int t : frames) {
            csv.append(series.firstFrame() + t)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", series.time()[t]))
                    .append(',')
                    .append(series.energy()[t])
                    .append(',')
                    .append(series.labels()[t]);
            for (Forecaster f : forecasters) {
                csv.append(',').append(f.probabilities()[t]);
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(out.resolve("scores.csv"), csv.toString());
        writeReport(r, series, forecasters, frames, out);
    }

    private static void writeReport(Result r, BurstSeries series, List<Forecaster> forecasters, int[] frames, Path out)
            throws IOException {
        int[] y = Arrays.stream(frames).map(t -> series.labels()[t]).toArray();
        LineChart roc = new LineChart(
                "ROC: " + Path.of(r.recording()).getFileName(), "false positive rate", "true positive rate", 760, 520);
        for (Forecaster f : forecasters) {
            double[] p =
                    Arrays.stream(frames).mapToDouble(t -> f.probabilities()[t]).toArray();
            roc.add(LineChart.of(f.name(), LineChart.corners(new BinaryMetrics(p, y).rocCurve()), false));
        }
        roc.add(new LineChart.Series("chance", new double[] {0, 1}, new double[] {0, 1}, false))
                .yRange(0, 1)
                .writePng(out.resolve("roc.png"));
        int shown = Math.min(frames.length, 20 * 30);
        double[] time = new double[shown];
        double[] label = new double[shown];
        for (int i = 0; i < shown; i++) {
            time[i] = series.time()[frames[i]] - series.time()[frames[0]];
            label[i] = y[i];
        }
        LineChart trace = new LineChart(
                String.format(
                        Locale.ROOT,
                        "The first 20 s of scored frames (from frame %d)",
                        series.firstFrame() + frames[0]),
                "seconds",
                "probability / label",
                900,
                360);
        trace.add(new LineChart.Series("label", time, label, false));
        for (Forecaster f : forecasters) {
            double[] p = new double[shown];
            for (int i = 0; i < shown; i++) {
                p[i] = f.probabilities()[frames[i]];
            }
            trace.add(new LineChart.Series(f.name(), time, p, false));
        }
        trace.yRange(0, 1).writePng(out.resolve("trace.png"));
        HtmlPage page =
                new HtmlPage("Burst forecasts scored: " + Path.of(r.recording()).getFileName());
        page.paragraph(String.format(
                Locale.ROOT,
                "%d frames (%d … %d) where every forecaster gave a probability and"
                        + " the label is known; %.1f%% positive. Thresholds marked 'chosen here' were picked "
                        + "on this same data"
                        + " and flatter the forecaster; the validation threshold is the honest operating point.",
                r.frames(),
                r.firstFrame(),
                r.lastFrame(),
                100 * r.prevalence()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "forecaster",
                "ROC-AUC [95% CI]",
                "PR-AUC",
                "Brier",
                "TPR / FPR at validation threshold",
                "Youden TPR / FPR (chosen here)",
                "peak accuracy (chosen here)"));
        for (Row w : r.rows()) {
            OperatingPoint v = w.atValidationThreshold();
            rows.add(List.of(
                    w.name(),
                    w.rocAuc().text(),
                    String.format(Locale.ROOT, "%.3f", w.prAuc()),
                    String.format(Locale.ROOT, "%.4f", w.brier()),
                    v == null ? "—" : String.format(Locale.ROOT, "%.3f / %.3f", v.tpr(), v.fpr()),
                    String.format(
                            Locale.ROOT,
                            "%.3f / %.3f",
                            w.ownYouden().tpr(),
                            w.ownYouden().fpr()),
                    String.format(Locale.ROOT, "%.3f", w.ownPeakAccuracy().accuracy())));
        }
        page.table(rows);
        for (Difference d : r.differences()) {
            page.paragraph(String.format(
                    Locale.ROOT,
                    "ROC-AUC %s − %s: %+.3f [%+.3f, %+.3f] (paired block bootstrap)",
                    d.first(),
                    d.second(),
                    d.rocAuc().mean(),
                    d.rocAuc().low(),
                    d.rocAuc().high()));
        }
        page.image(out.resolve("roc.png"), "ROC curves on the common frames");
        page.image(out.resolve("trace.png"), "Labels and probabilities over the first 20 seconds of scored frames");
        page.write(out.resolve("report.html"));
    }

    /**
     * Forecasts made elsewhere: CSV {@code frame,probability} (empty probability: none), frames of {@code series};
     * the result holds a probability per row of the series (NaN where the file has none).
     */
    public static double[] readForecasts(Path file, BurstSeries series) throws IOException {
        CsvTable table = CsvTable.read(file, "forecasts file");
        double[] out = new double[series.length()];
        Arrays.fill(out, Double.NaN);
        boolean[] seen = new boolean[series.length()];
        int fc = table.header().indexOf("frame");
        int pc = table.header().indexOf("probability");
        if (fc < 0 || pc < 0) {
            throw new IOException(file + ": the header must name the columns 'frame' and 'probability', found "
                    + String.join(",", table.header()));
        }
        int read = 0;
        for (int i = 0; i < table.rows().size(); i++) {
            String[] row = table.rows().get(i);
            int line = CsvTable.line(i);
            if (row.length <= Math.max(fc, pc)) {
                throw new IOException(file + ": line " + line + ": has " + row.length + " columns, expected at least "
                        + (Math.max(fc, pc) + 1));
            }
            int frame;
            try {
                frame = Integer.parseInt(row[fc].trim());
            } catch (NumberFormatException e) {
                throw new IOException(
                        file + ": line " + line + ": frame must be a whole number, got '" + row[fc] + "'");
            }
            int t = frame - series.firstFrame();
            if (t < 0 || t >= series.length()) {
                throw new IOException(
                        file + ": line " + line + ": frame " + frame + " is not in " + series.source() + " (frames "
                                + series.firstFrame() + " … " + (series.firstFrame() + series.length() - 1) + ")");
            }
            if (seen[t]) {
                throw new IOException(file + ": line " + line + ": frame " + frame + " appears twice");
            }
            seen[t] = true;
            String s = row[pc].trim();
            if (s.isEmpty()) {
                continue;
            }
            double p;
            try {
                p = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + line + ": probability must be a number, got '" + s + "'");
            }
            if (!(p >= 0 && p <= 1)) {
                throw new IOException(file + ": line " + line + ": probability must be in [0, 1], got '" + s + "'");
            }
            out[t] = p;
            read++;
        }
        if (read == 0) {
            throw new IOException(file + ": holds no probabilities");
        }
        return out;
    }
}
