package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RecordingStatisticsTest {

    @Test
    void reproducesTheDataReadmesTableOnTheRealTrainingBlock() throws Exception {
        Path data = RealFishData.folder();
        AugurEngine.start("cpu");
        BurstSeries train;
        try (NDManager m = NDManager.newBaseManager()) {
            train = FishLin2021.read(data, m).get(0).series();
        }
        RecordingStatistics s = RecordingStatistics.of(train, 45);
        assertThat(s.positiveShare()).isCloseTo(0.134, offset(0.0005));
        assertThat(s.episodesPerMinute()).isCloseTo(13.3, offset(0.05));
        assertThat(s.meanInterval()).isCloseTo(4.49, offset(0.005));
        assertThat(s.medianInterval()).isCloseTo(4.08, offset(0.005));
        assertThat(s.intervalCv()).isCloseTo(0.45, offset(0.005));
        assertThat(s.energyMedian()).isCloseTo(0.00116, offset(0.000005));
        assertThat(s.p99OverMedian()).isCloseTo(2.18, offset(0.005));
        assertThat(s.autocorrelation()).containsExactly(new double[] {0.43, 0.19, 0.12, 0.07}, offset(0.006));
        assertThat(RecordingStatistics.rows(s, s)).allMatch(RecordingStatistics.Row::agrees);
    }

    @Test
    void autocorrelationAsNumpy() {
        double[] alternating = {1, -1, 1, -1, 1, -1};
        // z = x, Σ z[t] z[t+1] = -5, Σ z² = 6
        assertThat(RecordingStatistics.autocorrelation(alternating, 1)).isCloseTo(-5.0 / 6, offset(1e-12));
        assertThat(new RecordingStatistics.Row("r", 1.19, 1.0, false).agrees()).isTrue();
        assertThat(new RecordingStatistics.Row("r", 1.21, 1.0, false).agrees()).isFalse();
        assertThat(new RecordingStatistics.Row("acf", 0.26, 0.2, true).agrees()).isFalse();
    }
}
