package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void namesAreTheOnesUsersTypeAndBundlesKeep() {
        assertThat(Architecture.ids())
                .containsExactly(
                        "convlstm",
                        "predrnn",
                        "predrnn_plus",
                        "memory_flow",
                        "e3d_lstm",
                        "e3d_lstm_2d",
                        "conv",
                        "simvp",
                        "tau");
        for (Architecture a : Architecture.values()) {
            assertThat(Architecture.of(a.id())).isSameAs(a);
        }
        assertThatThrownBy(() -> Architecture.of("simvp_v1"))
                .hasMessageContaining("simvp_v1")
                .hasMessageContaining("e3d_lstm_2d");
    }

    @Test
    void theRulesComeWithTheArchitecture() {
        assertThat(Architecture.values()).filteredOn(Architecture::hasPeepholes).containsExactly(Architecture.CONVLSTM);
        assertThat(Architecture.values())
                .filteredOn(Architecture::hasLayerNorm)
                .containsExactly(
                        Architecture.PREDRNN,
                        Architecture.PREDRNN_PLUS,
                        Architecture.E3D_LSTM,
                        Architecture.E3D_LSTM_2D);
        assertThat(Architecture.values())
                .filteredOn(Architecture::hasZigZagMemory)
                .containsExactly(
                        Architecture.PREDRNN,
                        Architecture.PREDRNN_PLUS,
                        Architecture.MEMORY_FLOW,
                        Architecture.E3D_LSTM,
                        Architecture.E3D_LSTM_2D);
        assertThat(Architecture.E3D_LSTM.window()).isEqualTo(2);
        assertThat(Architecture.E3D_LSTM_2D.window()).isEqualTo(1);
        assertThat(Architecture.CONV.isRecurrent()).isFalse();
        assertThat(Architecture.values())
                .filteredOn(Architecture::readsOneFrame)
                .containsExactly(Architecture.CONV);
        assertThat(Architecture.values())
                .filteredOn(Architecture::usesTranslator)
                .containsExactly(Architecture.SIMVP, Architecture.TAU);
        // the spec enforces them
        assertThatThrownBy(() -> new ModelSpec("predrnn", 1, 8, 8, 1, List.of(4), 3, true, false, false, 2))
                .hasMessageContaining("peepholes");
        assertThatThrownBy(() -> new ModelSpec("convlstm", 1, 8, 8, 1, List.of(4), 3, false, false, true, 2))
                .hasMessageContaining("layer normalisation");
        assertThatThrownBy(() -> new ModelSpec("memory_flow", 1, 8, 8, 1, List.of(4, 8), 3, false, false, false, 2))
                .hasMessageContaining("same size");
        // PredRNN++'s highway sits between its first two layers
        assertThatThrownBy(() -> new ModelSpec("predrnn_plus", 1, 8, 8, 1, List.of(4), 3, false, false, false, 2))
                .hasMessageContaining("at least two layers");
    }
}
