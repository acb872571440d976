package dev.augur.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.nn.ModelSpec;
import dev.augur.video.VideoRace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benched networks are the ones users train: SimVP and TAU exactly as the equal-time race builds them. */
class TrainStepBenchTest {
    @Test
    void translatorsAreBenchedInTheRaceConfigurationWithTheirOwnLosses() {
        for (String cell : List.of("simvp", "tau")) {
            ModelSpec race =
                    VideoRace.lineUp(List.of(cell), 1, 64, 10, 10).get(0).spec();
            assertThat(TrainStepBench.spec(cell)).as(cell).isEqualTo(race);
            assertThat(TrainStepBench.spec(cell).hidden()).isEqualTo(List.of(32, 256));
            assertThat(TrainStepBench.spec(cell).patch()).isEqualTo(1);
        }
        assertThat(TrainStepBench.loss("tau")).isEqualTo("l2+ddr");
        assertThat(TrainStepBench.loss("simvp")).isEqualTo("l2");
        assertThat(TrainStepBench.loss("predrnn")).isEqualTo("l2");
        assertThat(TrainStepBench.spec("predrnn").hidden()).isEqualTo(List.of(64, 64));
        assertThat(TrainStepBench.spec("predrnn").layerNorm()).isTrue();
    }
}
