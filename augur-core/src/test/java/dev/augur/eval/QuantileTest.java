package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class QuantileTest {
    @Test
    void linearQuantilesAsNumpyLeavingTheInputAlone() {
        double[] values = {4, 1, 3, 2};
        assertThat(Quantile.of(values, 0.5)).isEqualTo(2.5); // np.quantile([4, 1, 3, 2], 0.5)
        assertThat(values).containsExactly(4, 1, 3, 2);
        assertThat(Quantile.ofSorted(new double[] {1, 2, 3, 4, 5}, 0.99)).isCloseTo(4.96, offset(1e-12));
        assertThat(Quantile.ofSorted(new double[] {1, 2, 3, 4, 5}, 0.95)).isCloseTo(4.8, offset(1e-12));
        assertThat(Quantile.ofSorted(new double[] {7}, 0.95)).isEqualTo(7);
        assertThat(Quantile.of(new double[0], 0.5)).isNaN();
        assertThatThrownBy(() -> Quantile.of(values, 1.5)).hasMessageContaining("[0, 1], got 1.5");
    }
}
