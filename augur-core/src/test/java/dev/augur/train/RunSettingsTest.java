package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSettingsTest {
    record Model(List<Integer> hidden, String cell) {}

    record Run(Model model, int steps, double learningRate, List<String> recordings, long seed) {}

    private static final Run FIRST =
            new Run(new Model(List.of(16), "convlstm"), 100, 1e-3, List.of("a.mkv", "b.mkv"), 1L);

    @Test
    void aResumeWithOtherSettingsIsRefusedNamingEachOne(@TempDir Path dir) throws Exception {
        RunSettings.record(dir, FIRST, false, Set.of("steps"));
        assertThat(dir.resolve("run.json")).exists();
        Run changed = new Run(new Model(List.of(32), "convlstm"), 100, 3e-4, List.of("a.mkv", "c.mkv"), 1L);
        assertThatThrownBy(() -> RunSettings.record(dir, changed, true, Set.of("steps")))
                .hasMessageStartingWith(
                        dir.resolve("run.json") + ": the checkpoint here was made with other settings: ")
                .hasMessageContaining("learningRate was 0.001, now 3.0E-4")
                .hasMessageContaining("model.hidden.0 was 16, now 32")
                .hasMessageContaining("recordings.1 was b.mkv, now c.mkv")
                .hasMessageNotContaining("cell")
                .hasMessageNotContaining("seed") // a long read back from the file is the same number
                .hasMessageNotContaining("Run[");
        // the refused settings were not written over the first run's
        assertThat(Files.readString(dir.resolve("run.json"))).contains("b.mkv");
    }

    @Test
    void aLongerRunMayResumeAndAFreshStartRecordsAnew(@TempDir Path dir) throws Exception {
        RunSettings.record(dir, FIRST, false, Set.of("steps"));
        Run longer = new Run(FIRST.model(), 500, FIRST.learningRate(), FIRST.recordings(), 1L);
        RunSettings.record(dir, longer, true, Set.of("steps"));
        assertThat(Files.readString(dir.resolve("run.json"))).contains("500");
        Run other = new Run(new Model(List.of(8, 8), "predrnn"), 10, 0.1, List.of(), 1L);
        RunSettings.record(dir, other, false, Set.of("steps"));
        assertThatThrownBy(() -> RunSettings.record(dir, FIRST, true, Set.of("steps")))
                .hasMessageContaining("model.cell was predrnn, now convlstm")
                .hasMessageContaining("model.hidden was [8,8], now [16]")
                .hasMessageContaining("recordings was [], now [\"a.mkv\",\"b.mkv\"]");
    }

    @Test
    void anUnreadableRecordIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("run.json"), "{ not json");
        assertThatThrownBy(() -> RunSettings.record(dir, FIRST, true, Set.of()))
                .hasMessageContaining("run.json: unreadable")
                .hasMessageContaining("what the checkpoint beside it was made with");
    }
}
