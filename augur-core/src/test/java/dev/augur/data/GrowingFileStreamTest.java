package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowingFileStreamTest {

    @Test
    void followsAVideoWhileItIsBeingWrittenAndEndsWhenItStopsGrowing(@TempDir Path dir) throws Exception {
        Path done = VideoReaderTest.write(dir, "square.mkv", 30); // 4 s, 120 frames
        byte[] bytes = Files.readAllBytes(done);
        Path growing = dir.resolve("growing.mkv");
        Files.write(growing, new byte[0]);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(growing)) {
                for (int i = 0; i < bytes.length; i += 4096) {
                    out.write(bytes, i, Math.min(4096, bytes.length - i));
                    out.flush();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        int frames = 0;
        try (InputStream in = new GrowingFileStream(growing, 1500);
                VideoReader r = VideoReader.open(in, growing.toString(), new VideoReader.Options(120, 160, 30, null))) {
            while (r.next() != null) {
                frames++;
            }
        }
        writer.join();
        assertThat(frames).isBetween(119, 121);
    }
}
