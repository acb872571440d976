package dev.augur.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    /** The id of a process that has ended: no process runs under it now. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertThat(ProcessHandle.of(pid)).isEmpty();
        return pid;
    }

    @Test
    void writesTheWholeFileAndLeavesNothingElse(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("scores.csv");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.writeString(target, "new");
        assertThat(target).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndRemovesItsTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("scores.csv");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                    out.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(target).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theNextWriteRemovesWhatAKilledRunLeftButNotALiveRunsFiles(@TempDir Path dir) throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().pid();
        Path killedFile = Files.writeString(dir.resolve(".scores.csv." + dead + "-123.tmp"), "half");
        Path killedFolder = Files.createDirectories(dir.resolve(".model." + dead + "-456"));
        Files.writeString(killedFolder.resolve("weights.npz"), "half");
        Path running = Files.writeString(dir.resolve(".scores.csv." + live + "-789.tmp"), "being written");
        Path otherTarget = Files.writeString(dir.resolve(".scores.csv.bak." + dead + "-1.tmp"), "not ours");

        AtomicFiles.writeString(dir.resolve("scores.csv"), "whole");
        Path tmp = AtomicFiles.tempDirectory(dir, ".model.");

        assertThat(killedFile).doesNotExist();
        assertThat(killedFolder).doesNotExist();
        assertThat(running).exists();
        assertThat(otherTarget).exists();
        assertThat(tmp.getFileName().toString()).startsWith(".model." + live + "-");
    }
}
