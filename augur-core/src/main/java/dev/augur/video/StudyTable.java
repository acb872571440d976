package dev.augur.video;

import dev.augur.eval.Estimate;
import dev.augur.eval.FrameMetrics;
import dev.augur.io.AtomicFiles;
import dev.augur.report.BarChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The study's outputs: study.csv, study.md (the table BENCHMARKS.md quotes) and study.png (MSE and SSIM bars). */
final class StudyTable {
    private StudyTable() {}

    /** {@code references}: copy-last-frame and blank frames, rows of their own below the variants. */
    static void write(List<VideoStudy.Row> rows, List<FrameMetrics.Summary> references, Path out) throws IOException {
        StringBuilder csv = new StringBuilder("variant,convolutions,residual,loss,fine_tuned_from,steps,train_seconds,"
                + "mse,mse_low,mse_high,ssim,ssim_low,ssim_high,mse_minus_base,low,high\n");
        StringBuilder md = new StringBuilder(String.format(
                Locale.ROOT,
                "| variant | conv | residual | loss (λ·L1+(1−λ)·L2) | steps | train min | MSE/frame [95%% CI] | SSIM | "
                        + "MSE − %s [95%% CI] |%n|---|---|---|---|---|---|---|---|---|%n",
                VideoStudy.BASE));
        for (VideoStudy.Row r : rows) {
            VideoStudy.Variant v = r.variant();
            FrameMetrics.Summary m = r.metrics();
            Estimate d = r.difference().mse();
            csv.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%b,%s,%s,%d,%.1f,%.4f,%.4f,%.4f,%.5f,%.5f,%.5f,%.4f,%.4f,%.4f%n",
                    v.name(),
                    v.convolutions(),
                    v.residual(),
                    v.loss(),
                    v.fineTunedFrom() == null ? "" : v.fineTunedFrom(),
                    r.steps(),
                    r.trainSeconds(),
                    m.mse().mean(),
                    m.mse().low(),
                    m.mse().high(),
                    m.ssim().mean(),
                    m.ssim().low(),
                    m.ssim().high(),
                    d.mean(),
                    d.low(),
                    d.high()));
            String steps =
                    v.fineTunedFrom() == null ? Integer.toString(r.steps()) : v.fineTunedFrom() + " + " + r.steps();
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s | %.1f | %.2f [%.2f, %.2f] | %.4f | %s |%n",
                    v.name(),
                    v.convolutions(),
                    v.residual() ? "yes" : "no",
                    "λ = " + v.loss().substring("l1l2:".length()),
                    steps,
                    r.trainSeconds() / 60,
                    m.mse().mean(),
                    m.mse().low(),
                    m.mse().high(),
                    m.ssim().mean(),
                    v.name().equals(VideoStudy.BASE)
                            ? "—"
                            : String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", d.mean(), d.low(), d.high())));
        }
        for (FrameMetrics.Summary ref : references) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | | | | | | %.2f [%.2f, %.2f] | %.4f | |%n",
                    ref.model(),
                    ref.mse().mean(),
                    ref.mse().low(),
                    ref.mse().high(),
                    ref.ssim().mean()));
        }
        AtomicFiles.writeString(out.resolve("study.csv"), csv.toString());
        AtomicFiles.writeString(out.resolve("study.md"), md.toString());
        chart(rows, references, out.resolve("study.png"));
    }

    private static void chart(List<VideoStudy.Row> rows, List<FrameMetrics.Summary> references, Path png)
            throws IOException {
        List<String> names = new ArrayList<>();
        List<FrameMetrics.Summary> all = new ArrayList<>();
        rows.forEach(r -> {
            names.add(r.variant().name());
            all.add(r.metrics());
        });
        references.forEach(r -> {
            names.add(r.model());
            all.add(r);
        });
        BarChart.write(
                List.of(
                        panel("Test MSE per frame", "MSE/frame", names, all, true),
                        panel("Test SSIM", "SSIM", names, all, false)),
                560,
                480,
                png);
    }

    private static BarChart.Panel panel(
            String title, String label, List<String> names, List<FrameMetrics.Summary> all, boolean mse) {
        int n = all.size();
        double[] mean = new double[n];
        double[] low = new double[n];
        double[] high = new double[n];
        for (int i = 0; i < n; i++) {
            Estimate e = mse ? all.get(i).mse() : all.get(i).ssim();
            mean[i] = e.mean();
            low[i] = e.low();
            high[i] = e.high();
        }
        return new BarChart.Panel(title, label, names, mean, low, high);
    }
}
