package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingManifestTest {
    @TempDir
    Path dir;

    @BeforeEach
    void recordings() throws Exception {
        Files.createDirectories(dir.resolve("tanks"));
        for (String day : List.of("day-1", "day-2", "day-3", "day-4")) {
            Files.write(dir.resolve("tanks").resolve(day + ".mkv"), day.getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path manifest(String text) throws Exception {
        return Files.writeString(dir.resolve("split.csv"), text);
    }

    @Test
    void rowsAreReadIntoTheirSplitsWithPathsFromTheManifestsFolder() throws Exception {
        Map<String, List<Path>> split = RecordingManifest.read(manifest("""
                path,split
                tanks/day-1.mkv,train
                tanks/day-2.mkv, train
                tanks/day-3.mkv,validation
                tanks/day-4.mkv,TEST
                """));
        assertThat(split.keySet()).containsExactly("train", "validation", "test");
        assertThat(split.get("train")).containsExactly(dir.resolve("tanks/day-1.mkv"), dir.resolve("tanks/day-2.mkv"));
        assertThat(split.get("validation")).containsExactly(dir.resolve("tanks/day-3.mkv"));
        assertThat(split.get("test")).containsExactly(dir.resolve("tanks/day-4.mkv"));
    }

    @Test
    void aBrokenManifestIsRefusedNamingTheLine() throws Exception {
        assertThatThrownBy(() -> RecordingManifest.read(manifest("file,set\ntanks/day-1.mkv,train\n")))
                .hasMessageContaining("split.csv")
                .hasMessageContaining("header line path,split");
        assertThatThrownBy(() -> RecordingManifest.read(manifest("path,split\ntanks/day-1.mkv,training-ish\n")))
                .hasMessageContaining("split.csv:2")
                .hasMessageContaining("train, validation or test");
        assertThatThrownBy(() -> RecordingManifest.read(manifest("path,split\ntanks/day-9.mkv,train\n")))
                .hasMessageContaining("split.csv:2")
                .hasMessageContaining("day-9.mkv");
        assertThatThrownBy(() -> RecordingManifest.read(manifest("path,split\ntanks/day-1.mkv\n")))
                .hasMessageContaining("split.csv:2")
                .hasMessageContaining("expected path,split");
        // one recording in two splits: through another spelling of its path too
        assertThatThrownBy(() -> RecordingManifest.read(
                        manifest("path,split\ntanks/day-1.mkv,train\n./tanks/../tanks/day-1.mkv,test\n")))
                .hasMessageContaining("split.csv:3")
                .hasMessageContaining("already listed on line 2");
    }
}
