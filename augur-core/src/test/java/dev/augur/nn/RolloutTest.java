package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutTest {
    private static final int CONTEXT = 3;

    private static ModelSpec spec(String architecture) {
        boolean residual = !architecture.equals("conv");
        return new ModelSpec(
                architecture, 1, 8, 8, 2, List.of(4, 4), 3, false, residual, architecture.startsWith("e3d"), CONTEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"convlstm", "predrnn", "memory_flow", "e3d_lstm", "e3d_lstm_2d", "conv"})
    void leanInferenceEqualsTheTrainingRolloutWithoutAMask(String architecture) {
        AugurEngine.cpu();
        int future = 4;
        try (NDManager m = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec(architecture), m, 7)) {
            NDArray clip = m.randomUniform(0f, 1f, new Shape(2, CONTEXT + future, 1, 8, 8));
            NDArray full = model.forward(clip, null).get(new NDIndex(":, {}:", CONTEXT - 1));
            NDArray lean = model.predict(clip.get(new NDIndex(":, 0:{}", CONTEXT)), future);
            assertThat(lean.getShape()).isEqualTo(full.getShape());
            float[] a = full.toFloatArray();
            float[] b = lean.toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], offset(1e-6f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"predrnn", "e3d_lstm"})
    void inferenceLeavesNoIntermediatesBehindHoweverLongTheRollout(String architecture) {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec(architecture), m, 7)) {
            int weights = managed(model.weights().manager());
            assertThat(arraysLeftAfter(model, m, 2)).isEqualTo(arraysLeftAfter(model, m, 12));
            assertThat(managed(model.weights().manager()))
                    .as("nothing lands in the weights' manager")
                    .isEqualTo(weights);
        }
    }

    private static int arraysLeftAfter(FramePredictor model, NDManager parent, int future) {
        try (NDManager m = parent.newSubManager()) {
            model.predict(m.randomUniform(0f, 1f, new Shape(2, CONTEXT, 1, 8, 8)), future);
            return managed(m);
        }
    }

    private static int managed(NDManager m) {
        return ((BaseNDManager) m).getManagedArrays().size();
    }
}
