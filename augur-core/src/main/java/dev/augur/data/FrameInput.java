package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Frames from where a user names them on a command line: {@code -} (standard input, a container read front to
 * back), a folder of images, a video file, or, when followed, a file another program is still writing.
 */
public final class FrameInput {
    private FrameInput() {}

    /**
     * Opens {@code name}; with {@code followIdleSeconds > 0} a file is read like {@code tail -f} and ends once it
     * has not grown for that long.
     */
    public static FrameSource open(String name, VideoReader.Options options, double followIdleSeconds)
            throws IOException {
        if ("-".equals(name)) {
            return VideoReader.open(System.in, "standard input", options);
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            return ImageFolderVideo.open(path, options);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(name, null, "no such video file");
        }
        if (followIdleSeconds > 0) {
            return VideoReader.open(new GrowingFileStream(path, (long) (followIdleSeconds * 1000)), name, options);
        }
        return VideoReader.open(path, options);
    }
}
