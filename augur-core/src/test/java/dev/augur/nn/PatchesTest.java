package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.api.Test;

class PatchesTest {

    @Test
    void splitFollowsPixelUnshuffleOrderAndMergeUndoesIt() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, 2 * 3 * 2 * 4 * 6).reshape(2, 3, 2, 4, 6);
            NDArray p = Patches.split(x, 2);
            assertThat(p.getShape()).isEqualTo(new Shape(2, 3, 8, 2, 3));
            // channel c·4 + i·2 + j at (y, x) holds pixel (2y + i, 2x + j) of channel c
            int c = 1, i = 1, j = 0, y = 1, xx = 2;
            float expected = x.getFloat(1, 2, c, 2 * y + i, 2 * xx + j);
            assertThat(p.getFloat(1, 2, c * 4 + i * 2 + j, y, xx)).isEqualTo(expected);
            assertThat(Patches.merge(p, 2).toFloatArray()).isEqualTo(x.toFloatArray());
            assertThatThrownBy(() -> Patches.split(x, 4)).hasMessageContaining("divisible");
        }
    }
}
