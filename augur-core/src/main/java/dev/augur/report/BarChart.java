package dev.augur.report;

import dev.augur.io.AtomicFiles;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Bar charts (XChart) with interval whiskers, one bar per category; several panels side by side in one PNG. */
public final class BarChart {
    private BarChart() {}

    /** One panel: a bar per category with its mean and [low, high] interval. */
    public record Panel(
            String title, String yLabel, List<String> categories, double[] mean, double[] low, double[] high) {
        public Panel {
            if (categories.size() != mean.length || mean.length != low.length || low.length != high.length) {
                throw new IllegalArgumentException("a bar chart needs one mean and interval per category");
            }
        }
    }

    public static void write(List<Panel> panels, int panelWidth, int height, Path png) throws IOException {
        BufferedImage out = new BufferedImage(panelWidth * panels.size(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(
                    BitmapEncoder.getBufferedImage(chart(panels.get(i), panelWidth, height)), i * panelWidth, 0, null);
        }
        g.dispose();
        AtomicFiles.write(png, stream -> ImageIO.write(out, "png", stream));
    }

    private static CategoryChart chart(Panel p, int width, int height) {
        CategoryChart c = new CategoryChartBuilder()
                .width(width)
                .height(height)
                .title(p.title())
                .yAxisTitle(p.yLabel())
                .build();
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(45);
        c.getStyler().setYAxisDecimalPattern("0.###");
        double[] whisker = new double[p.mean().length];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < whisker.length; i++) {
            // XChart draws symmetric error bars: the larger half-width, so the whole interval is covered
            whisker[i] = Math.max(p.high()[i] - p.mean()[i], p.mean()[i] - p.low()[i]);
            min = Math.min(min, p.mean()[i] - whisker[i]);
            max = Math.max(max, p.mean()[i] + whisker[i]);
        }
        double pad = 0.1 * Math.max(max - min, 1e-9);
        c.getStyler().setYAxisMin(Math.max(0, min - pad));
        c.getStyler().setYAxisMax(max + pad);
        c.addSeries(p.yLabel(), p.categories(), toList(p.mean()), toList(whisker));
        return c;
    }

    private static List<Double> toList(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
