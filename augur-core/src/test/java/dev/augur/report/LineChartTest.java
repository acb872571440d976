package dev.augur.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
