package dev.augur.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class NativeArraysTest {
    @Test
    void countsTheArraysOfNestedManagersUntilTheyClose() {
        AugurEngine.cpu();
        long before = NativeArrays.open();
        assertThat(before).isNotNegative();
        try (NDManager outer = NDManager.newBaseManager();
                NDManager inner = outer.newSubManager()) {
            NDArray a = outer.zeros(new Shape(2, 3));
            inner.ones(new Shape(4));
            inner.ones(new Shape(4)).add(a.sum()); // two ones, the sum (in outer) and the result (in inner)
            assertThat(NativeArrays.open() - before).isEqualTo(5);
            a.close();
            assertThat(NativeArrays.open() - before).isEqualTo(4);
        }
        assertThat(NativeArrays.open()).isEqualTo(before);
    }
}
