package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.CellStack;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BurstClassifierTest {

    @ParameterizedTest
    @ValueSource(strings = {"convlstm", "predrnn", "memory_flow"})
    void carriedStepsGiveTheSameLogitsAsTheTrainingSequence(String cell) {
        AugurEngine.cpu();
        BurstClassifier.Spec spec = new BurstClassifier.Spec(12, 16, 24, 4, 4, 3, true, cell, cell.equals("predrnn"));
        try (NDManager m = NDManager.newBaseManager();
                BurstClassifier model = new BurstClassifier(spec, m, 3)) {
            NDArray frames = m.randomUniform(0f, 1f, new Shape(1, 24, 12, 16));
            float[] sequence = model.stepLogits(frames, false).toFloatArray();
            assertThat(sequence).hasSize(6);
            CellStack.State state = null;
            for (int j = 0; j < 6; j++) {
                NDManager step = m.newSubManager();
                NDArray x =
                        frames.get(new NDIndex(":, {}:{}", 4 * j, 4 * j + 4)).duplicate();
                x.attach(step);
                BurstClassifier.Carried c = model.advance(x, state, step);
                assertThat((double) c.logit()).isCloseTo(sequence[j], Offset.offset(1e-5));
                state = c.state();
            }
        }
    }

    @Test
    void windowsOfTheWrongShapeAreRejected() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager();
                BurstClassifier model = new BurstClassifier(new BurstClassifier.Spec(12, 16, 8, 4, 4, 3), m, 3)) {
            assertThatThrownBy(() -> model.logits(m.zeros(new Shape(2, 8, 16, 12)), false))
                    .hasMessageContaining("[B, 8, 12, 16]");
        }
        assertThatThrownBy(() -> new BurstClassifier.Spec(12, 16, 10, 4, 4, 3)).hasMessageContaining("multiple");
    }
}
