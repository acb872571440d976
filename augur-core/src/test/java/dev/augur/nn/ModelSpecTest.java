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

    @Test
    void encoderTranslatorDecoderSpecsNeedTheirLayout() {
        TranslatorLayout layout = new TranslatorLayout(4, 8, 8);
        new ModelSpec("simvp", 1, 64, 64, 1, List.of(64, 512), 3, false, false, false, 10, layout);
        assertThatThrownBy(() -> new ModelSpec("tau", 1, 64, 64, 1, List.of(64, 512), 3, false, false, false, 10))
                .hasMessageContaining("translator layout");
        assertThatThrownBy(
                        () -> new ModelSpec("convlstm", 1, 64, 64, 1, List.of(64), 3, false, false, false, 10, layout))
                .hasMessageContaining("simvp and tau only");
        assertThatThrownBy(() -> new ModelSpec("simvp", 1, 64, 64, 1, List.of(64), 3, false, false, false, 10, layout))
                .hasMessageContaining("two widths");
        assertThatThrownBy(() ->
                        new ModelSpec("simvp", 1, 64, 64, 1, List.of(63, 512), 3, false, false, false, 10, layout))
                .hasMessageContaining("even");
        // four encoder layers halve the frame twice: 4·2 must divide 36
        assertThatThrownBy(() ->
                        new ModelSpec("simvp", 1, 36, 36, 2, List.of(64, 512), 3, false, false, false, 10, layout))
                .hasMessageContaining("times the 4");
        // OpenSTL would silently build two layers for three
        assertThatThrownBy(() -> new TranslatorLayout(3, 8, 8)).hasMessageContaining("even");
        assertThatThrownBy(() -> new TranslatorLayout(4, 1, 8)).hasMessageContaining("blocks");
    }
}
