package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.api.Test;

class WeightsTest {

    @Test
    void loadRefusesMissingMisshapenAndNonFiniteWeightsAndLoadsGoodOnes() {
        AugurEngine.start("cpu");
        try (NDManager m = NDManager.newBaseManager();
                Weights w = new Weights(m, 1)) {
            NDArray a = w.uniform("a", new Shape(2, 2), 1);
            NDArray good = m.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            good.setName("a");
            w.load(new NDList(good), "", "good.npz");
            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4);

            NDArray nan = m.create(new float[] {1, Float.NaN, 3, 4}, new Shape(2, 2));
            nan.setName("a");
            assertThatThrownBy(() -> w.load(new NDList(nan), "", "bad.npz"))
                    .hasMessageContaining("bad.npz")
                    .hasMessageContaining("'a'")
                    .hasMessageContaining("NaN");
            NDArray inf = m.create(new float[] {1, 2, Float.POSITIVE_INFINITY, 4}, new Shape(2, 2));
            inf.setName("a");
            assertThatThrownBy(() -> w.load(new NDList(inf), "", "bad.npz")).hasMessageContaining("Infinity");
            assertThat(a.toFloatArray()).containsExactly(1, 2, 3, 4); // nothing half-loaded

            NDArray wrong = m.create(new float[] {1, 2, 3}, new Shape(3));
            wrong.setName("a");
            assertThatThrownBy(() -> w.load(new NDList(wrong), "", "bad.npz")).hasMessageContaining("shape");
            assertThatThrownBy(() -> w.load(new NDList(), "", "empty.npz")).hasMessageContaining("missing weight 'a'");
        }
    }
}
