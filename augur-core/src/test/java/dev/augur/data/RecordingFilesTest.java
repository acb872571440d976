package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingFilesTest {
    @Test
    void foldersGlobsAndListsGiveEachRecordingOnceInOrder(@TempDir Path dir) throws Exception {
        Path week = Files.createDirectories(dir.resolve("week1"));
        for (String day : List.of("day-2.csv", "day-1.csv", "notes.md")) {
            Files.writeString(week.resolve(day), "x");
        }
        Path other = Files.createDirectories(dir.resolve("week2/tank-b"));
        Files.writeString(other.resolve("day-3.csv"), "x");
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "# the held-out days\nweek2/tank-b/day-3.csv\n\nweek1/day-1.csv\n");

        assertThat(RecordingFiles.resolve(List.of(week.toString()), Set.of(".csv")))
                .containsExactly(week.resolve("day-1.csv"), week.resolve("day-2.csv"));
        assertThat(RecordingFiles.resolve(List.of(dir + "/week*/**/day-*.csv"), Set.of(".csv")))
                .containsExactly(other.resolve("day-3.csv"));
        assertThat(RecordingFiles.resolve(
                        List.of(list.toString(), week.resolve("day-1.csv").toString()), Set.of(".csv")))
                .extracting(Path::getFileName)
                .extracting(Path::toString)
                .containsExactly("day-3.csv", "day-1.csv");
    }

    @Test
    void aNameThatFindsNothingIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> RecordingFiles.resolve(List.of(dir + "/none.csv"), Set.of(".csv")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("none.csv");
        assertThatThrownBy(() -> RecordingFiles.resolve(List.of(dir.toString()), Set.of(".csv")))
                .hasMessageContaining("matches no recording");
        Path list = dir.resolve("list.txt");
        Files.writeString(list, "gone.csv\n");
        assertThatThrownBy(() -> RecordingFiles.resolve(List.of(list.toString()), Set.of(".csv")))
                .hasMessageContaining("list.txt:1")
                .hasMessageContaining("gone.csv");
    }
}
