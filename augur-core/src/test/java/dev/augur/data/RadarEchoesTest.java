package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RadarEchoesTest {
    private final RadarEchoes radar = new RadarEchoes(RadarEchoes.Config.guangzhouLike(), 3);

    @Test
    void framesAreHundredSquareInTheUnitIntervalAndReproducible() {
        Clips a = radar.trainingBatch(4, 3, 20);
        assertThat(a.shape().getShape()).containsExactly(3, 20, 1, 100, 100);
        for (float v : a.data()) {
            assertThat(v).isBetween(0f, 1f);
        }
        assertThat(a.data()).isEqualTo(radar.trainingBatch(4, 3, 20).data());
        assertThat(radar.testSet(2, 20).data()).isEqualTo(radar.testSet(2, 20).data());
        assertThat(radar.testSet(2, 20).data())
                .isNotEqualTo(radar.trainingBatch(0, 2, 20).data());
    }

    @Test
    void echoesMoveSoConsecutiveFramesDifferButStayCorrelated() {
        Clips c = radar.testSet(50, 20);
        int frame = 100 * 100;
        double same = 0;
        double total = 0;
        double lit = 0;
        for (int s = 0; s < c.count(); s++) {
            for (int t = 0; t + 1 < 20; t++) {
                int a = (s * 20 + t) * frame;
                int b = a + frame;
                for (int i = 0; i < frame; i++) {
                    same += Math.abs(c.data()[a + i] - c.data()[b + i]);
                    total += c.data()[a + i];
                    lit += c.data()[a + i] > 0.3 ? 1 : 0;
                }
            }
        }
        // frames change from step to step (advection, growth, decay) but far less than they hold
        assertThat(same).isGreaterThan(0.05 * total).isLessThan(0.9 * total);
        // echoes cover part of the frame, not all of it and not nothing
        double share = lit / (50.0 * 19 * frame);
        assertThat(share).isBetween(0.01, 0.6);
    }
}
