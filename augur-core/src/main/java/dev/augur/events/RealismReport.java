package dev.augur.events;

import dev.augur.io.AtomicFiles;
import dev.augur.report.HtmlPage;
import dev.augur.report.LineChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A simulated recording's statistics side by side with a real one's (by default seed 000's real training block,
 * as its data README publishes them): {@code realism.md}, {@code realism.csv} (one row per statistic) and
 * {@code realism.png} (the motion energy's autocorrelation up to 6 s).
 */
public final class RealismReport {
    private RealismReport() {}

    /** Seed 000's real training block (../shared/data/fish-lin2021/README.md, "Facts measured on these files"). */
    public static final RecordingStatistics SEED000_TRAINING = new RecordingStatistics(
            44956, 0.134, 13.3, 4.49, 4.08, 0.45, 0.00116, 2.18, new double[] {0.43, 0.19, 0.12, 0.07});

    /**
     * @param real the real series, or null to compare with {@link #SEED000_TRAINING}
     * @return the markdown table
     */
    public static String write(BurstSeries simulated, BurstSeries real, Path dir) throws IOException {
        int horizon = BurstRule.seed000().horizon();
        RecordingStatistics sim = RecordingStatistics.of(simulated, horizon);
        RecordingStatistics ref = real == null ? SEED000_TRAINING : RecordingStatistics.of(real, horizon);
        String realName = real == null ? "seed 000 real (published)" : "real";
        String table = RecordingStatistics.table("simulated", sim, realName, ref);
        Files.createDirectories(dir);
        AtomicFiles.writeString(
                dir.resolve("realism.md"),
                String.format(
                        Locale.ROOT,
                        "# Realism: %s against %s%n%nLabels by seed 000's rule as published (not refit).%n%n%s",
                        simulated.source(),
                        real == null ? "seed 000's real training block" : real.source(),
                        table));
        StringBuilder csv = new StringBuilder("statistic,simulated,real,agrees\n");
        for (RecordingStatistics.Row r : RecordingStatistics.rows(sim, ref)) {
            csv.append(
                    String.format(Locale.ROOT, "%s,%.6g,%.6g,%s%n", r.name(), r.a(), r.b(), r.agrees() ? "yes" : "no"));
        }
        AtomicFiles.writeString(dir.resolve("realism.csv"), csv.toString());
        LineChart acf = new LineChart("Autocorrelation of motion energy", "lag (s)", "autocorrelation", 640, 400);
        acf.add(curve("simulated", simulated));
        if (real != null) {
            acf.add(curve("real", real));
        } else {
            acf.add(new LineChart.Series("real (published)", RecordingStatistics.lags(), ref.autocorrelation(), true));
        }
        acf.writePng(dir.resolve("realism.png"));
        return table;
    }

    private static LineChart.Series curve(String name, BurstSeries s) {
        int lags = (int) Math.round(6 * s.fps());
        double[] x = new double[lags];
        double[] y = new double[lags];
        for (int k = 1; k <= lags; k++) {
            x[k - 1] = k / s.fps();
            y[k - 1] = RecordingStatistics.autocorrelation(s.energy(), k);
        }
        return new LineChart.Series(name, x, y, false);
    }

    /** Adds the realism section to a report page when {@code dir} holds a realism.csv. */
    public static void addTo(HtmlPage page, Path dir) throws IOException {
        Path csv = dir.resolve("realism.csv");
        if (!Files.isRegularFile(csv)) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            rows.add(List.of(line.split(",")));
        }
        page.heading("Does the simulated tank look like the real one?").table(rows);
        page.paragraph(
                "Statistics of the simulated recording beside seed 000's real training block: agreement within 20%"
                        + " (autocorrelations within 0.05). Labels by seed 000's rule as published.");
        if (Files.isRegularFile(dir.resolve("realism.png"))) {
            page.image(dir.resolve("realism.png"), "Autocorrelation of motion energy, simulated and real");
        }
    }
}
