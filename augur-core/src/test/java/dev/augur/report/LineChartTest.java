package dev.augur.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    @Test
    void secondsReadAsAClock() {
        assertThat(LineChart.clock(1622.97)).isEqualTo("27:03");
        assertThat(LineChart.clock(0)).isEqualTo("0:00");
        assertThat(LineChart.clock(59.6)).isEqualTo("1:00");
        assertThat(LineChart.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void aStepCurveKeepsOnlyItsCorners() {
        List<double[]> roc = List.of(
                new double[] {0, 0},
                new double[] {0, 0.1},
                new double[] {0, 0.2},
                new double[] {0.1, 0.2},
                new double[] {0.2, 0.2},
                new double[] {0.2, 0.3},
                new double[] {1, 1});
        assertThat(LineChart.corners(roc))
                .extracting(p -> p[0] + "," + p[1])
                .containsExactly("0.0,0.0", "0.0,0.2", "0.2,0.2", "0.2,0.3", "1.0,1.0");
    }

    /** Two hours of a series on a narrow chart: eight-character clock labels at XChart's default spacing. */
    private static LineChart longClock() {
        double[] t = new double[7200];
        double[] y = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
            y[i] = Math.sin(i / 300.0);
        }
        return new LineChart("trace", "time", "p", 320, 200)
                .add(new LineChart.Series("p", t, y, false))
                .clockXAxis();
    }

    /** A ROC curve of 35 positives drawn with every step: XChart ticks the y axis at every 1/35 (knowm/XChart#731). */
    private static LineChart everyStep() {
        List<double[]> steps = new ArrayList<>();
        for (int i = 0; i <= 35; i++) {
            steps.add(new double[] {i / 70.0, i / 35.0});
        }
        return new LineChart("ROC", "FPR", "TPR", 300, 260).add(LineChart.of("model", steps, false));
    }

    @Test
    void crowdedTickLabelsAreDetectedAndSpreadBeforeTheChartIsWritten(@TempDir Path dir) throws Exception {
        LineChart clock = longClock();
        LineChart roc = everyStep();
        List<String> before = new ArrayList<>(clock.crowdedAxes());
        before.addAll(roc.crowdedAxes());
        assertThat(before).isNotEmpty(); // the check sees what a reader would

        clock.writePng(dir.resolve("clock.png"));
        roc.writePng(dir.resolve("roc.png"));
        assertThat(clock.crowdedAxes()).isEmpty();
        assertThat(roc.crowdedAxes()).isEmpty();
        assertThat(dir.resolve("clock.png")).isNotEmptyFile();
    }
}
