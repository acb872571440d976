package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.api.Test;

class ScheduledSamplingTest {

    @Test
    void etaFallsLinearlyToZeroAsInPredRnn() {
        ScheduledSampling s = new ScheduledSampling(1.0, 2e-5);
        assertThat(s.eta(0)).isEqualTo(1.0);
        assertThat(s.eta(25_000)).isCloseTo(0.5, offset(1e-12));
        assertThat(s.eta(50_000)).isCloseTo(0.0, offset(1e-12));
        assertThat(s.eta(80_000)).isZero();
    }

    @Test
    void maskFollowsEtaAndIsReproducible() {
        AugurEngine.cpu();
        ScheduledSampling s = new ScheduledSampling(1.0, 1.0 / 1000);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] a = s.mask(m, 7, 300, 100, 50).toFloatArray();
            assertThat(a).isEqualTo(s.mask(m, 7, 300, 100, 50).toFloatArray());
            double share = 0;
            for (float v : a) {
                assertThat(v).isIn(0f, 1f);
                share += v;
            }
            assertThat(share / a.length).isCloseTo(0.7, offset(0.03));
            assertThat(s.mask(m, 7, 1000, 4, 3).sum().getFloat()).isZero();
            assertThat(s.mask(m, 7, 0, 4, 0)).isNull();
        }
    }
}
