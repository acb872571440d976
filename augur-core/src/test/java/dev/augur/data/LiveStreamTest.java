package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video sent over loopback as MPEG-TS (FFmpeg, through JavaCV, copying the file's packets in real time, no
 * re-encoding) reads as the file does. The sender runs in this JVM: JavaCV's bundled ffmpeg program needs system
 * libraries (libva) a fresh machine may lack.
 */
class LiveStreamTest {
    private static final VideoReader.Options OPTIONS = new VideoReader.Options(120, 160, 30, null);

    private static List<float[]> frames(FrameSource source) throws IOException {
        List<float[]> out = new ArrayList<>();
        VideoReader.GreyFrame f;
        while ((f = source.next()) != null) {
            out.add(f.pixels());
        }
        return out;
    }

    /**
     * Sends {@code video}'s packets to {@code url} as MPEG-TS, paced at its frame rate like {@code ffmpeg -re}, from
     * a separate JVM: JavaCV opens inputs and outputs under one process-wide lock, which a receiver waiting for its
     * stream holds.
     */
    public static void main(String[] args) throws Exception {
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(args[0])) {
            in.start();
            try (FFmpegFrameRecorder out =
                    new FFmpegFrameRecorder(args[1], in.getImageWidth(), in.getImageHeight(), 0)) {
                out.setFormat("mpegts");
                out.start(in.getFormatContext());
                long t0 = System.nanoTime();
                AVPacket packet;
                for (int i = 0; (packet = in.grabPacket()) != null; i++) {
                    long due = t0 + Math.round(i / in.getFrameRate() * 1e9);
                    Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    out.recordPacket(packet);
                }
                out.stop();
            }
        }
    }

    static void send(Path video, String url) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LiveStreamTest.class.getName(),
                        video.toString(),
                        url)
                .redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
    }

    /** Starts reading {@code listen} on another thread, then sends {@code video} to {@code send}. */
    private static List<float[]> receive(Path video, String listen, String send, double idleSeconds) throws Exception {
        CompletableFuture<List<float[]>> received = CompletableFuture.supplyAsync(() -> {
            try (FrameSource s = FrameInput.open(listen, OPTIONS, new FrameInput.Mode(false, idleSeconds, false))) {
                return frames(s);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        Thread.sleep(500); // the receiver listens before the first packet leaves
        send(video, send);
        return received.get(30, TimeUnit.SECONDS);
    }

    @Test
    void mpegTsOverTcpGivesExactlyTheFilesFrames(@TempDir Path dir) throws Exception {
        Path video = VideoReaderTest.write(dir, "square.mp4", 30);
        List<float[]> file;
        try (FrameSource s = FrameInput.open(video.toString(), OPTIONS, FrameInput.Mode.once())) {
            file = frames(s);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<float[]> streamed = receive(video, "tcp://127.0.0.1:" + port + "?listen=1", "tcp://127.0.0.1:" + port, 5);
        assertThat(streamed).hasSameSizeAs(file);
        for (int i = 0; i < file.size(); i++) {
            assertThat(streamed.get(i)).as("frame %d", i).containsExactly(file.get(i));
        }
    }

    @Test
    void mpegTsOverUdpGivesTheFilesFramesThenReportsTheSilence(@TempDir Path dir) throws Exception {
        Path video = VideoReaderTest.write(dir, "square.mp4", 30);
        List<float[]> file;
        try (FrameSource s = FrameInput.open(video.toString(), OPTIONS, FrameInput.Mode.once())) {
            file = frames(s);
        }
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        // UDP has no end: once the sender is done, silence past --idle-seconds is reported, naming the stream
        List<float[]> streamed = new ArrayList<>();
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(500); // the receiver below listens before the first packet leaves
                send(video, url + "?pkt_size=1316");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (FrameSource s = FrameInput.open(url, OPTIONS, new FrameInput.Mode(false, 1.5, false))) {
            VideoReader.GreyFrame f;
            while ((f = s.next()) != null) {
                streamed.add(f.pixels());
            }
            throw new AssertionError("a UDP stream ended without the silence being reported");
        } catch (IOException silence) {
            assertThat(silence).hasMessageContaining(url).hasMessageContaining("stalled or stopped");
        }
        sent.get(30, TimeUnit.SECONDS);
        assertThat(streamed.size()).as("UDP frames").isEqualTo(file.size());
        for (int i = 0; i < file.size(); i++) {
            assertThat(streamed.get(i)).as("frame %d", i).containsExactly(file.get(i));
        }
    }

    @Test
    void aStreamThatNeverStartsFailsWithinTheIdleTime() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> FrameInput.open(url, OPTIONS, new FrameInput.Mode(false, 1, false)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(url);
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(15);
    }
}
