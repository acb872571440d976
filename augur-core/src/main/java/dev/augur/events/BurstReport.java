package dev.augur.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.data.VideoReader;
import dev.augur.eval.BinaryMetrics;
import dev.augur.io.Json;
import dev.augur.report.AnimatedGif;
import dev.augur.report.FrameImages;
import dev.augur.report.HtmlPage;
import dev.augur.report.LineChart;
import dev.augur.train.ModelBundle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The burst forecaster's report, from a {@code bursts train} run folder: ROC curves of model and baseline, the
 * test block's motion energy with labels and both probabilities, a calibration plot, the metrics with their
 * intervals, and a GIF of the frames around the strongest alerts — one self-contained {@code report.html}
 * (its PNGs and GIF also written beside it).
 */
public final class BurstReport {
    private BurstReport() {}

    /** Per-frame scores of one block as written by {@link BurstExperiment}. */
    record Scores(int[] frame, double[] time, double[] energy, int[] label, double[] model, double[] baseline) {
        static Scores read(Path csv) throws IOException {
            if (!Files.isRegularFile(csv)) {
                throw new NoSuchFileException(csv.toString(), null, "not a bursts train run folder (scores missing)");
            }
            List<String> lines = Files.readAllLines(csv);
            int n = lines.size() - 1;
            Scores s = new Scores(new int[n], new double[n], new double[n], new int[n], new double[n], new double[n]);
            for (int i = 0; i < n; i++) {
                String[] f = lines.get(i + 1).split(",", -1);
                if (f.length != 6) {
                    throw new IOException(csv + ": line " + (i + 2) + " has " + f.length + " fields, expected 6");
                }
                s.frame[i] = Integer.parseInt(f[0]);
                s.time[i] = Double.parseDouble(f[1]);
                s.energy[i] = Double.parseDouble(f[2]);
                s.label[i] = Integer.parseInt(f[3]);
                s.model[i] = Double.parseDouble(f[4]);
                s.baseline[i] = Double.parseDouble(f[5]);
            }
            return s;
        }
    }

    public static Path write(Path run) throws IOException {
        ModelBundle bundle = ModelBundle.read(run.resolve("model"), BurstExperiment.TASK);
        BurstExperiment.BurstModel info = bundle.section("model", BurstExperiment.BurstModel.class);
        BurstExperiment.DataInfo data = bundle.section("data", BurstExperiment.DataInfo.class);
        JsonNode metrics = Json.mapper().readTree(run.resolve("metrics.json").toFile());
        Scores test = Scores.read(run.resolve("test_scores.csv"));
        Path dir = run.resolve("report");
        Files.createDirectories(dir);

        String name = info.settings().model().displayName();
        BinaryMetrics m = new BinaryMetrics(test.model(), test.label());
        BinaryMetrics b = new BinaryMetrics(test.baseline(), test.label());
        new LineChart("ROC, test block", "false positive rate", "true positive rate", 520, 480)
                .add(LineChart.of(name, LineChart.corners(m.rocCurve()), false))
                .add(LineChart.of("baseline", LineChart.corners(b.rocCurve()), false))
                .add(new LineChart.Series("chance", new double[] {0, 1}, new double[] {0, 1}, false))
                .yRange(0, 1)
                .writePng(dir.resolve("roc.png"));
        timeSeries(test, name, info.alertThreshold(), dir);
        calibration(name, m, b, new BinaryMetrics(info.platt().apply(test.model()), test.label()), dir);
        Path gif = dir.resolve("alerts.gif");
        boolean haveGif = alertsGif(Path.of(data.video()), test, gif);

        HtmlPage page =
                new HtmlPage("Burst forecast report: " + Path.of(data.video()).getFileName());
        page.paragraph(String.format(
                Locale.ROOT,
                "Video %s. The model reads %d-frame windows of %dx%d frames (%d per "
                        + "recurrent step, %d ConvLSTM filters); alerts at probability >= %.3f (the "
                        + "validation block's Youden "
                        + "threshold). Labels: a burst starts within %d frames (rule refit on the training "
                        + "block: c = %.6f).",
                data.video(),
                info.settings().model().window(),
                info.settings().model().width(),
                info.settings().model().height(),
                info.settings().model().framesPerStep(),
                info.settings().model().hidden(),
                info.alertThreshold(),
                data.rule().horizon(),
                data.rule().minRange()));
        for (String block : List.of("validation", "test")) {
            page.heading(block + " block").table(table(metrics.path(block)));
            JsonNode d = metrics.path(block).path("aucDifference");
            page.paragraph(String.format(
                    Locale.ROOT,
                    "ROC-AUC difference, model minus baseline: %.3f [%.3f, %.3f] "
                            + "(paired moving-block bootstrap, 95%%). Peak accuracy is shown beside "
                            + "majority-class accuracy: with "
                            + "rare bursts, answering 'never' already scores the latter. Alerts on the test "
                            + "block use thresholds "
                            + "chosen on the validation block.",
                    d.path("mean").asDouble(),
                    d.path("low").asDouble(),
                    d.path("high").asDouble()));
        }
        page.heading("Charts");
        page.image(dir.resolve("roc.png"), "ROC curves on the test block");
        page.image(
                dir.resolve("calibration.png"),
                "Calibration on the test block: observed burst rate per probability bin");
        page.image(dir.resolve("timeseries.png"), "Test block: motion energy with burst labels");
        page.image(
                dir.resolve("probabilities.png"),
                "Test block: burst probability of model and baseline, alert threshold");
        if (haveGif) {
            page.image(gif, "Frames around the strongest alerts (1 s before to 1.5 s after)");
        }
        RealismReport.addTo(page, run);
        Path html = run.resolve("report.html");
        page.write(html);
        return html;
    }

    private static List<List<String>> table(JsonNode block) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "forecaster",
                "ROC-AUC",
                "95% CI",
                "PR-AUC",
                "alert at",
                "TPR / FPR at alert",
                "majority acc.",
                "peak acc. (own threshold)",
                "Youden TPR / FPR (own threshold)",
                "Brier",
                "frames",
                "prevalence",
                "bursts caught",
                "median lead (s)"));
        for (String who : List.of("model", "baseline")) {
            JsonNode s = block.path(who);
            rows.add(List.of(
                    s.path("name").asText(),
                    f(s.path("rocAuc").path("mean")),
                    "[" + f(s.path("rocAuc").path("low")) + ", "
                            + f(s.path("rocAuc").path("high")) + "]",
                    f(s.path("prAuc")),
                    f(s.path("alertThreshold")),
                    f(s.path("atAlert").path("tpr")) + " / "
                            + f(s.path("atAlert").path("fpr")),
                    f(s.path("majorityAccuracy")),
                    f(s.path("peakAccuracy")),
                    f(s.path("youden").path("tpr")) + " / " + f(s.path("youden").path("fpr")),
                    f(s.path("brier")),
                    s.path("frames").asText(),
                    f(s.path("prevalence")),
                    s.path("leadTime").path("caught").asText() + " / "
                            + s.path("leadTime").path("episodes").asText(),
                    String.format(
                            Locale.ROOT,
                            "%.2f",
                            s.path("leadTime").path("medianLead").asDouble() / 30.0)));
        }
        return rows;
    }

    private static String f(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return "—"; // a run scored before this figure existed
        }
        return String.format(Locale.ROOT, "%.3f", n.asDouble());
    }

    private static void timeSeries(Scores s, String name, double threshold, Path dir) throws IOException {
        List<double[]> positives = new ArrayList<>();
        double top = 0;
        for (double e : s.energy()) {
            top = Math.max(top, e);
        }
        for (int i = 0; i < s.frame().length; i++) {
            if (s.label()[i] == 1) {
                positives.add(new double[] {s.time()[i], top * 1.05});
            }
        }
        new LineChart("Motion energy (test block)", "time (m:ss)", "motion energy", 1000, 320)
                .clockXAxis()
                .add(new LineChart.Series("motion energy", s.time(), s.energy(), false))
                .add(LineChart.of("burst label = 1", positives, true))
                .writePng(dir.resolve("timeseries.png"));
        double[] thr = new double[s.time().length];
        Arrays.fill(thr, threshold);
        new LineChart("Burst probability (test block)", "time (m:ss)", "probability", 1000, 320)
                .clockXAxis()
                .add(new LineChart.Series(name, s.time(), s.model(), false))
                .add(new LineChart.Series("baseline", s.time(), s.baseline(), false))
                .add(new LineChart.Series("alert threshold", s.time(), thr, false))
                .yRange(0, 1)
                .writePng(dir.resolve("probabilities.png"));
    }

    private static void calibration(String name, BinaryMetrics m, BinaryMetrics b, BinaryMetrics calibrated, Path dir)
            throws IOException {
        LineChart chart = new LineChart(
                        "Calibration (test block)", "mean predicted probability", "observed burst rate", 760, 520)
                .yRange(0, 1); // wide enough for its four legend entries
        for (var who : List.of(
                Map.entry(name, m),
                Map.entry(name + ", Platt-calibrated on validation", calibrated),
                Map.entry("baseline", b))) {
            List<double[]> pts = new ArrayList<>();
            for (BinaryMetrics.CalibrationBin bin : who.getValue().calibration(10)) {
                if (bin.count() > 0) {
                    pts.add(new double[] {bin.meanScore(), bin.observedRate()});
                }
            }
            chart.add(LineChart.of(who.getKey(), pts, true));
        }
        chart.add(new LineChart.Series("perfect", new double[] {0, 1}, new double[] {0, 1}, false))
                .writePng(dir.resolve("calibration.png"));
    }

    /** Frames around the three strongest alerts at least 3 s apart, from the video (skipped when it is gone). */
    private static boolean alertsGif(Path video, Scores s, Path gif) throws IOException {
        if (!Files.isRegularFile(video)) {
            return false;
        }
        List<Integer> peaks = new ArrayList<>();
        Integer[] order = new Integer[s.frame().length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Double.compare(s.model()[y], s.model()[x]));
        for (int i : order) {
            int f = s.frame()[i];
            if (peaks.stream().allMatch(p -> Math.abs(p - f) > 90)) {
                peaks.add(f);
            }
            if (peaks.size() == 3) {
                break;
            }
        }
        Map<Integer, float[]> wanted = new HashMap<>();
        for (int p : peaks) {
            for (int f = p - 30; f <= p + 45; f += 3) {
                wanted.put(f, null);
            }
        }
        int last = wanted.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        VideoReader.Options o = VideoReader.Options.seed000();
        try (FrameSource r = FrameCache.open(video, o)) {
            VideoReader.GreyFrame f;
            while ((f = r.next()) != null && f.index() <= last) {
                if (wanted.containsKey(f.index())) {
                    wanted.put(f.index(), f.pixels());
                }
            }
        }
        List<BufferedImage> frames = new ArrayList<>();
        for (int p : peaks) {
            for (int f = p - 30; f <= p + 45; f += 3) {
                float[] px = wanted.get(f);
                if (px != null) {
                    String caption = String.format(Locale.ROOT, "alert at frame %d, now %+.1f s", p, (f - p) / 30.0);
                    frames.add(FrameImages.sideBySide(
                            List.of(FrameImages.image(px, 0, 1, o.height(), o.width(), 2)), List.of(caption)));
                }
            }
        }
        if (frames.isEmpty()) {
            return false;
        }
        AnimatedGif.write(frames, 100, gif);
        return true;
    }
}
