package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void invalidSpecsFailWhereBuilt() {
        assertThatThrownBy(() -> new ModelSpec("lstm", 1, 64, 64, 4, List.of(64), 5, false, false, false, 10))
                .hasMessageContaining("unknown architecture");
        assertThatThrownBy(() -> new ModelSpec("convlstm", 1, 30, 30, 4, List.of(64), 5, false, false, false, 10))
                .hasMessageContaining("multiple of patch");
        assertThatThrownBy(() -> new ModelSpec("convlstm", 1, 64, 64, 4, List.of(64), 4, false, false, false, 10))
                .hasMessageContaining("odd");
        assertThatThrownBy(() -> new ModelSpec("conv", 1, 64, 64, 4, List.of(64), 5, true, false, false, 1))
                .hasMessageContaining("peephole");
        assertThatThrownBy(() -> new ModelSpec("convlstm", 1, 64, 64, 4, List.of(), 5, false, false, false, 10))
                .hasMessageContaining("hidden");
    }
}
