package dev.augur.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalVideoTest {

    @Test
    void localVideosAreReadInPlaceWhateverTheirNames(@TempDir Path dir) throws Exception {
        Path video = Files.write(dir.resolve("day 1 (tank #2).mkv"), new byte[] {1, 2, 3});
        VideoInput input = VideoInputs.resolve(List.of(dir.toString()), new Configuration())
                .get(0);
        assertThat(input.id()).isEqualTo("day 1 (tank #2).mkv");
        try (LocalVideo local = LocalVideo.of(input)) {
            assertThat(local.path()).isEqualTo(video);
        }
        assertThat(video).exists();
    }
}
