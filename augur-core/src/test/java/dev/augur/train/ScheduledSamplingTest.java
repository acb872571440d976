package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.api.Test;

class ScheduledSamplingTest {

    @Test
    void etaFallsLinearlyToZeroAsInPredRnn() {
        ScheduledSampling s = ScheduledSampling.linear(1.0, 2e-5);
        assertThat(s.eta(0)).isEqualTo(1.0);
        assertThat(s.eta(25_000)).isCloseTo(0.5, offset(1e-12));
        assertThat(s.eta(50_000)).isCloseTo(0.0, offset(1e-12));
        assertThat(s.eta(80_000)).isZero();
    }

    @Test
    void maskFollowsEtaAndIsReproducible() {
        AugurEngine.cpu();
        ScheduledSampling s = ScheduledSampling.linear(1.0, 1.0 / 1000);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = s.mask(m, 7, 300, 100, 1, 52).toFloatArray();
            assertThat(a).isEqualTo(s.mask(m, 7, 300, 100, 1, 52).toFloatArray());
            double share = 0;
            for (float v : a) {
                assertThat(v).isIn(0f, 1f);
                share += v;
            }
            assertThat(share / a.length).isCloseTo(0.7, offset(0.03));
            assertThat(s.mask(m, 7, 1000, 4, 1, 5).sum().getFloat()).isZero();
            assertThat(s.mask(m, 7, 0, 4, 3, 4)).isNull();
        }
    }

    @Test
    void reverseSamplingFollowsPredRnnV2Schedules() {
        ScheduledSampling s =
                new ScheduledSampling(1.0, 2e-5, 50_000, new ScheduledSampling.Reverse(25_000, 50_000, 5_000));
        assertThat(s.reverseEta(0)).isEqualTo(0.5);
        assertThat(s.reverseEta(30_000)).isCloseTo(1 - 0.5 * Math.exp(-1), offset(1e-12));
        assertThat(s.reverseEta(60_000)).isEqualTo(1.0);
        assertThat(s.eta(10_000)).isEqualTo(0.5);
        assertThat(s.eta(37_500)).isCloseTo(0.25, offset(1e-12));
        assertThat(s.eta(50_000)).isZero();
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            // 20 frames, 10 inputs: encoder steps 1..9 and decoder steps 10..18 -> width T-2 = 18
            assertThat(s.mask(m, 1, 0, 4, 10, 20).getShape().getShape()).containsExactly(4, 18);
            float[] late = s.mask(m, 1, 60_000, 50, 10, 20).toFloatArray();
            for (int b = 0; b < 50; b++) {
                for (int i = 0; i < 18; i++) {
                    assertThat(late[b * 18 + i]).isEqualTo(i < 9 ? 1f : 0f);
                }
            }
        }
    }

    @Test
    void stopForcesEtaToZero() {
        ScheduledSampling s = new ScheduledSampling(1.0, 1e-6, 100, null);
        assertThat(s.eta(99)).isGreaterThan(0.99);
        assertThat(s.eta(100)).isZero();
    }
}
