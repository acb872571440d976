package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.api.Test;

class EideticLstmCellTest {

    @Test
    void recallWeightsOfEveryQueryPositionSumToOne() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray query = m.randomNormal(new Shape(2, 3, 2, 4, 5));
            NDArray history = m.randomNormal(new Shape(2, 3, 6, 4, 5)).mul(3f);
            NDArray w = EideticLstmCell.recallWeights(query, history);
            assertThat(w.getShape().getShape()).containsExactly(2, 2 * 4 * 5, 6 * 4 * 5);
            float[] sums = w.sum(new int[] {2}).toFloatArray();
            for (float s : sums) {
                assertThat((double) s).isCloseTo(1.0, offset(1e-5));
            }
            assertThat(w.min().getFloat()).isGreaterThanOrEqualTo(0f);
            assertThat(EideticLstmCell.recall(query, history).getShape()).isEqualTo(query.getShape());
        }
    }

    @Test
    void recallOfASingleRememberedStateReturnsThatState() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            // one history position: every query attends to it with weight 1
            NDArray history = m.randomNormal(new Shape(1, 4, 1, 1, 1));
            NDArray query = m.randomNormal(new Shape(1, 4, 2, 1, 1));
            float[] out = EideticLstmCell.recall(query, history).toFloatArray();
            float[] h = history.toFloatArray();
            for (int c = 0; c < 4; c++) {
                assertThat(out[c * 2]).isCloseTo(h[c], offset(1e-6f));
                assertThat(out[c * 2 + 1]).isCloseTo(h[c], offset(1e-6f));
            }
        }
    }
}
