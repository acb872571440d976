package dev.augur.report;

import dev.augur.io.AtomicFiles;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line and scatter charts (XChart) written as PNG: ROC curves, time series, calibration plots. */
public final class LineChart {
    private final XYChart chart;

    /** One series: a name, x and y values, drawn as a line or as dots. */
    public record Series(String name, double[] x, double[] y, boolean dots) {}

    public LineChart(String title, String xLabel, String yLabel, int width, int height) {
        this.chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xLabel)
                .yAxisTitle(yLabel)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisDecimalPattern("0.##");
        chart.getStyler().setYAxisDecimalPattern("0.####");
        // XChart otherwise crowds the y axis with ticks on some data (a ROC curve's 1/35 steps); the x axis still
        // takes its ticks from the data's x values (issue: readable reports)
        chart.getStyler().setYAxisTickMarkSpacingHint(60);
    }

    public LineChart add(Series s) {
        if (s.x().length == 0) {
            return this;
        }
        XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
        if (s.dots()) {
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
        } else {
            series.setMarker(SeriesMarkers.NONE);
        }
        return this;
    }

    /** The x axis holds seconds: ticks read as minutes and seconds (27:03, not 1622.97). */
    public LineChart clockXAxis() {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(LineChart::clock);
        return this;
    }

    /** Seconds as m:ss (h:mm:ss from an hour on), rounded to the second. */
    public static String clock(double seconds) {
        long s = Math.round(seconds);
        String sign = s < 0 ? "-" : "";
        s = Math.abs(s);
        return s >= 3600
                ? String.format(Locale.ROOT, "%s%d:%02d:%02d", sign, s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%s%d:%02d", sign, s / 60, s % 60);
    }

    public LineChart yRange(double min, double max) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
        return this;
    }

    /**
     * Writes the chart; when XChart's tick labels would overlap (long clock labels, many equally spaced points),
     * asks for wider tick spacing on that axis and draws again, so no chart leaves with unreadable ticks.
     */
    public void writePng(Path png) throws IOException {
        int xHint = chart.getStyler().getXAxisTickMarkSpacingHint();
        int yHint = chart.getStyler().getYAxisTickMarkSpacingHint();
        for (int attempt = 0; attempt < 6 && !crowdedAxes().isEmpty(); attempt++) {
            if (crowdedAxes().contains("x")) {
                xHint = xHint * 3 / 2;
                chart.getStyler().setXAxisTickMarkSpacingHint(xHint);
            }
            if (crowdedAxes().contains("y")) {
                yHint = yHint * 3 / 2;
                chart.getStyler().setYAxisTickMarkSpacingHint(yHint);
            }
        }
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }

    /** The axes ("x", "y") whose tick labels, as XChart lays them out at the chart's size, overlap. */
    List<String> crowdedAxes() {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
            Font font = chart.getStyler().getAxisTickLabelsFont();
            FontRenderContext frc = g.getFontRenderContext();
            List<String> crowded = new ArrayList<>();
            if (overlap(
                    ticks("getXAxis"), label -> font.getStringBounds(label, frc).getWidth())) {
                crowded.add("x");
            }
            if (overlap(
                    ticks("getYAxis"), label -> font.getStringBounds(label, frc).getHeight())) {
                crowded.add("y");
            }
            return crowded;
        } finally {
            g.dispose();
        }
    }

    /** Labels of consecutive ticks overlap when their centres are closer than half their extents plus a gap. */
    private static boolean overlap(AxisTickCalculator ticks, ToDoubleFunction<String> extent) {
        List<Double> at = ticks.getTickLocations();
        List<String> labels = ticks.getTickLabels();
        for (int i = 1; i < at.size(); i++) {
            double room = Math.abs(at.get(i) - at.get(i - 1));
            double needed = (extent.applyAsDouble(labels.get(i)) + extent.applyAsDouble(labels.get(i - 1))) / 2 + 4;
            if (room < needed) {
                return true;
            }
        }
        return false;
    }

    /** XChart lays out ticks while painting and keeps them on package-private axes: read after a paint. */
    private AxisTickCalculator ticks(String axisGetter) {
        try {
            Method getter = Chart.class.getDeclaredMethod(axisGetter);
            getter.setAccessible(true);
            return ((Axis<?, ?>) getter.invoke(chart)).getAxisTickCalculator();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("XChart's axes changed: " + e, e);
        }
    }

    /**
     * A step curve (a ROC curve) with only its corners: the points inside a straight vertical or horizontal run are
     * dropped. The drawing is the same; XChart packs the axis with ticks when many points are equally spaced
     * (knowm/XChart#731), which a ROC curve's runs of 1/positives steps are.
     */
    public static List<double[]> corners(List<double[]> steps) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            double[] p = steps.get(i);
            boolean inner = i > 0
                    && i + 1 < steps.size()
                    && ((steps.get(i - 1)[0] == p[0] && steps.get(i + 1)[0] == p[0])
                            || (steps.get(i - 1)[1] == p[1] && steps.get(i + 1)[1] == p[1]));
            if (!inner) {
                out.add(p);
            }
        }
        return out;
    }

    /** x and y of the points of {@code pairs} ([x, y] each), for a series. */
    public static Series of(String name, List<double[]> pairs, boolean dots) {
        List<double[]> p = new ArrayList<>(pairs);
        double[] x = new double[p.size()];
        double[] y = new double[p.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.get(i)[0];
            y[i] = p.get(i)[1];
        }
        return new Series(name, x, y, dots);
    }
}
