package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.api.Test;

class BatchNormLayerTest {

    @Test
    void normalisesWithBatchStatisticsWhileTrainingAndRunningOnesAfter() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager();
                Weights w = new Weights(m, 1)) {
            BatchNormLayer bn = new BatchNormLayer(w, "bn", 2, false);
            assertThat(w.arrays()).isEmpty(); // running statistics are buffers, not trainable
            assertThat(w.snapshot(m, "").size()).isEqualTo(2);
            // channel 0 holds 1..4, channel 1 holds 10 everywhere
            NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 10, 10, 10}, new Shape(1, 2, 2, 2));
            NDArray y;
            {
                y = bn.forward(x, true);
                float[] v = y.toFloatArray();
                double sd = Math.sqrt(1.25 + 1e-3);
                assertThat((double) v[0]).isCloseTo((1 - 2.5) / sd, offset(1e-5));
                assertThat((double) v[4]).isCloseTo(0, offset(1e-5));
            }
            NDList state = w.snapshot(m, "");
            assertThat((double) state.get("bn.running_mean").toFloatArray()[0]).isCloseTo(0.01 * 2.5, offset(1e-6));
            assertThat((double) state.get("bn.running_var").toFloatArray()[0])
                    .isCloseTo(0.99 + 0.01 * 1.25, offset(1e-6));
            float[] inference = bn.forward(x, false).toFloatArray();
            assertThat((double) inference[4]).isCloseTo((10 - 0.1) / Math.sqrt(0.99 + 1e-3), offset(1e-4));
        }
    }
}
