package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameCacheTest {
    private static final VideoReader.Options OPTIONS = new VideoReader.Options(120, 160, 30, null);

    private static List<float[]> readAll(FrameSource s) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (s) {
            VideoReader.GreyFrame f;
            while ((f = s.next()) != null) {
                out.add(f.pixels());
            }
        }
        return out;
    }

    @Test
    void secondReadComesFromTheCacheBitForBitWithoutDecoding(@TempDir Path dir) throws Exception {
        Path video = VideoReaderTest.write(dir, "square.mp4", 25);
        Path root = dir.resolve("cache");
        List<float[]> decoded = readAll(VideoReader.open(video, OPTIONS));
        List<float[]> first = readAll(FrameCache.open(video, OPTIONS, root));
        assertThat(first).hasSameSizeAs(decoded);

        // the video's bytes are destroyed but its size and time kept: only the cache can still answer
        FileTime time = Files.getLastModifiedTime(video);
        Files.write(video, new byte[(int) Files.size(video)]);
        Files.setLastModifiedTime(video, time);
        List<float[]> second = readAll(FrameCache.open(video, OPTIONS, root));
        assertThat(second).hasSameSizeAs(decoded);
        for (int i = 0; i < decoded.size(); i++) {
            assertThat(second.get(i)).isEqualTo(decoded.get(i));
        }
    }

    @Test
    void anInterruptedFirstReadLeavesNoCacheBehind(@TempDir Path dir) throws Exception {
        Path video = VideoReaderTest.write(dir, "square.mkv", 30);
        Path root = dir.resolve("cache");
        try (FrameSource s = FrameCache.open(video, OPTIONS, root)) {
            for (int i = 0; i < 10; i++) {
                s.next();
            }
        }
        try (var files = Files.list(root)) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(readAll(FrameCache.open(video, OPTIONS, root))).hasSize(120);
        try (var files = Files.list(root)) {
            assertThat(files.toList()).hasSize(1);
        }
    }
}
