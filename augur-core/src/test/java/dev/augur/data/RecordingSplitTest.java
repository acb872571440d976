package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSplitTest {
    private static Map<String, List<Path>> split(List<Path> training, List<Path> validation) {
        Map<String, List<Path>> m = new LinkedHashMap<>();
        m.put("training", training);
        m.put("validation", validation);
        return m;
    }

    @Test
    void aRecordingMayBelongToOneSetOnly(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("day-1.csv"), "frame\n1\n");
        Path b = Files.writeString(dir.resolve("day-2.csv"), "frame\n2\n");
        Path c = Files.writeString(dir.resolve("day-3.csv"), "frame\n3\n");
        assertThatCode(() -> RecordingSplit.requireDisjoint(split(List.of(a, b), List.of(c))))
                .doesNotThrowAnyException();
        // named twice in one set is the same recording, not a leak
        assertThatCode(() -> RecordingSplit.requireDisjoint(split(List.of(a, a), List.of(c))))
                .doesNotThrowAnyException();

        Path link = Files.createSymbolicLink(dir.resolve("alias.csv"), c);
        Path other = Files.createDirectory(dir.resolve("other"));
        Path copy = Files.copy(b, other.resolve("renamed.csv"));
        assertThatThrownBy(() -> RecordingSplit.requireDisjoint(split(List.of(a, link), List.of(c))))
                .hasMessageContaining("alias.csv")
                .hasMessageContaining("both the training and the validation");
        assertThatThrownBy(() -> RecordingSplit.requireDisjoint(split(List.of(a, b), List.of(copy))))
                .hasMessageContaining("renamed.csv")
                .hasMessageContaining("is a copy of")
                .hasMessageContaining("day-2.csv");
    }
}
