package dev.augur.report;

import dev.augur.eval.Estimate;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A metric against the future step, one line per model, 95% intervals as error bars (seed 001's chart). */
public final class ErrorChart {
    private ErrorChart() {}

    /** One line: a name and the estimate at steps 1 … K. */
    public record Line(String name, List<Estimate> values) {}

    public static void write(String title, String yLabel, List<Line> lines, Path png) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(720)
                .height(480)
                .title(title)
                .xAxisTitle("future step")
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisDecimalPattern("0");
        for (Line line : lines) {
            int k = line.values().size();
            double[] x = new double[k];
            double[] y = new double[k];
            double[] err = new double[k];
            for (int i = 0; i < k; i++) {
                Estimate e = line.values().get(i);
                x[i] = i + 1;
                y[i] = e.mean();
                err[i] = Math.max(e.high() - e.mean(), e.mean() - e.low());
            }
            XYSeries s = chart.addSeries(line.name(), x, y, err);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** Lines of one metric picked from per-step records. */
    public static <T> Line line(String name, List<T> steps, Function<T, Estimate> metric) {
        return new Line(name, steps.stream().map(metric).toList());
    }
}
