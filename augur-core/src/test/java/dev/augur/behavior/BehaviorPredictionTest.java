package dev.augur.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class BehaviorPredictionTest {
    @Test
    void logitAdjustmentDividesByTheClassWeightsAndRenormalises() {
        float[] p = {0.5f, 0.5f, 0.9f, 0.1f};
        float[] alpha = {4f, 1f};
        float[] full = BehaviorPrediction.adjust(p, alpha, 1);
        // frame 0: (0.5/4, 0.5/1) / 0.625 = (0.2, 0.8); frame 1: (0.225, 0.1) / 0.325
        assertThat(full[0]).isCloseTo(0.2f, offset(1e-6f));
        assertThat(full[1]).isCloseTo(0.8f, offset(1e-6f));
        assertThat(full[2]).isCloseTo(0.225f / 0.325f, offset(1e-6f));
        float[] half = BehaviorPrediction.adjust(p, alpha, 0.5);
        assertThat(half[0]).isCloseTo(0.25f / 0.75f, offset(1e-6f));
        assertThat(BehaviorPrediction.adjust(p, alpha, 0)).isSameAs(p);
        assertThat(BehaviorPrediction.adjust(p, null, 1)).isSameAs(p);
    }
}
