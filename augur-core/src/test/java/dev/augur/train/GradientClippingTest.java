package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    @Test
    void scaleBringsTheGlobalNormDownToTheLimitAndLeavesSmallGradientsAlone() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            // global norm of (3, 4) and (12) is 13, negative entries included
            var grads = List.of(m.create(new float[] {3f, -4f}), m.create(new float[] {-12f}));
            assertThat((double) TrainingLoop.globalNormScale(grads, 1.3)).isCloseTo(0.1, offset(1e-6));
            assertThat(TrainingLoop.globalNormScale(grads, 20)).isEqualTo(1f);
            assertThat(TrainingLoop.globalNormScale(grads, 0)).isEqualTo(1f);
        }
    }
}
