package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaseOnsetsTest {

    @Test
    void aFrameIsPositiveWhenAChaseStartsWithinTheNextHFrames() {
        // chases start at frames 105 and 120; frames 100 … 111 of the recording, horizon 3
        int[] l = ChaseOnsets.labels(new int[] {105, 120}, 100, 12, 3);
        // 102 sees 103..105: yes; 104 sees 105..107: yes; 105 sees 106..108: no; last 3 frames: unknown
        assertThat(l).containsExactly(0, 0, 1, 1, 1, 0, 0, 0, 0, -1, -1, -1);
    }

    @Test
    void readsTheSimulatorsChasesFileAndRejectsOthers(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tank.chases.csv");
        Files.writeString(f, "start_frame,end_frame,chaser,target\n40,70,1,2\n10,30,0,3\n");
        assertThat(ChaseOnsets.read(f)).containsExactly(10, 40);
        Files.writeString(f, "stalk_start_frame,start_frame\n1,2\n");
        assertThatThrownBy(() -> ChaseOnsets.read(f)).hasMessageContaining("start_frame");
        Files.writeString(f, "start_frame,end_frame\nx,3\n");
        assertThatThrownBy(() -> ChaseOnsets.read(f)).hasMessageContaining("line 2");
    }
}
