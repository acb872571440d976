package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Frames from where a user names them on a command line: {@code -} (standard input, a container read front to
 * back), a folder of images, a video file, a file another program is still writing (followed), a network stream
 * FFmpeg reads ({@code udp://}, {@code tcp://}, {@code rtsp://}, {@code srt://}, …) or a capture device
 * ({@code /dev/video0}).
 */
public final class FrameInput {
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.+");

    /**
     * How to read a source that may still be growing.
     *
     * @param follow      read a file like {@code tail -f}, ending once it has not grown for {@code idleSeconds}
     * @param idleSeconds for a followed file, silence that ends it; for a live source, silence that is an error
     * @param realtime    never fall more than half a second behind a live source: drop the oldest frames when the
     *                    consumer is slower
     */
    public record Mode(boolean follow, double idleSeconds, boolean realtime) {
        public Mode {
            if (!(idleSeconds > 0) || !Double.isFinite(idleSeconds)) {
                throw new IllegalArgumentException("idle seconds must be > 0, got " + idleSeconds);
            }
        }

        /** Read a file or stream once, to its end; a live source may be silent 10 s. */
        public static Mode once() {
            return new Mode(false, 10, false);
        }
    }

    private FrameInput() {}

    /** True for a name FFmpeg opens as a live source rather than a file. */
    public static boolean isLive(String name) {
        return URL.matcher(name).matches() || name.startsWith("/dev/video");
    }

    public static FrameSource open(String name, VideoReader.Options options, Mode mode) throws IOException {
        FrameSource source = openWaiting(name, options, mode);
        return mode.realtime() ? new RealtimeFrames(source, (int) Math.ceil(options.fps() / 2)) : source;
    }

    private static FrameSource openWaiting(String name, VideoReader.Options options, Mode mode) throws IOException {
        if ("-".equals(name)) {
            return VideoReader.open(System.in, "standard input", options);
        }
        if (isLive(name)) {
            return VideoReader.openLive(name, options, mode.idleSeconds());
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            return ImageFolderVideo.open(path, options);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(name, null, "no such video file");
        }
        if (mode.follow()) {
            return VideoReader.open(new GrowingFileStream(path, Math.round(mode.idleSeconds() * 1000)), name, options);
        }
        return VideoReader.open(path, options);
    }
}
