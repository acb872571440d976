package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameStoreTest {
    @Test
    void framesReadBackAtRandomAsWrittenAndTheFileGoesOnClose(@TempDir Path dir) throws Exception {
        int h = 3;
        int w = 5;
        byte[][] frames = new byte[300][h * w];
        SplittableRandom rng = new SplittableRandom(7);
        for (byte[] f : frames) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (byte) rng.nextInt(256);
            }
        }
        try (FrameStore store = FrameStore.create(dir, h, w)) {
            for (byte[] f : frames) {
                store.append(f);
            }
            assertThat(store.frameCount()).isEqualTo(300);
            assertThat(files(dir)).hasSize(1);
            for (int k = 0; k < 50; k++) {
                int first = rng.nextInt(290);
                byte[] run = store.read(first, 10);
                for (int j = 0; j < 10; j++) {
                    assertThat(Arrays.copyOfRange(run, j * h * w, (j + 1) * h * w))
                            .isEqualTo(frames[first + j]);
                }
            }
            assertThatThrownBy(() -> store.read(295, 10)).hasMessageContaining("of a store of 300 frames");
            assertThatThrownBy(() -> store.append(new byte[h * w + 1])).hasMessageContaining("holds 15 pixels");
        }
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void aKilledRunsStoreIsRemovedByTheNextOneInTheFolder(@TempDir Path dir) throws Exception {
        // pid 2^22 + 1 is above Linux's pid_max: no such process runs
        Path left = Files.write(dir.resolve(".frames.4194305-123.u8"), new byte[64]);
        try (FrameStore store = FrameStore.create(dir, 2, 2)) {
            assertThat(left).doesNotExist();
            assertThat(store.frameCount()).isZero();
        }
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
