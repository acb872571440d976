package dev.augur.report;

import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** A confusion matrix as a heat map (XChart), each row normalised to the share of its true class. */
public final class ConfusionChart {
    private ConfusionChart() {}

    public static void write(String title, List<String> classes, long[][] counts, Path png) throws IOException {
        int n = classes.size();
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long row = 0;
            for (long c : counts[i]) {
                row += c;
            }
            for (int j = 0; j < n; j++) {
                // XChart's cells are {x index, y index, value}: x = predicted, y = true
                cells.add(new Number[] {j, i, row == 0 ? 0 : Math.round(1000.0 * counts[i][j] / row) / 1000.0});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder()
                .width(120 + 90 * n)
                .height(100 + 60 * n)
                .title(title)
                .xAxisTitle("predicted")
                .yAxisTitle("true")
                .build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setPlotContentSize(1);
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("share of true class", classes, classes, cells);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
