package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of radar images (echo intensity as grey level, brighter = stronger, as in the HKO-7 and Shanghai radar
 * PNG sets): {@code <root>/train/} and {@code <root>/test/} each hold one sub-folder per contiguous recording, its
 * frames ordered by file name (images placed directly in {@code train/} or {@code test/} form one recording).
 * Frames are resized to {@code size}×{@code size} (100 in the PredRNN paper's Guangzhou set) and scaled to
 * [0, 1] (pixel / 255), the scale the CSI/POD/FAR thresholds are given in. Windows of {@code length} frames are
 * cut from the start of each recording, one every {@code stride} frames, never across two recordings.
 */
public final class RadarImages extends ImageFolderClips {
    private final int stride;

    /** Where the images are, the side they are resized to and the step between windows (0 = the window length). */
    public record Config(String root, int size, int stride) {
        public Config {
            if (root == null || root.isBlank()) {
                throw new IllegalArgumentException("radar images need their folder");
            }
            if (size < 4) {
                throw new IllegalArgumentException("frame size must be >= 4, got " + size);
            }
            if (stride < 0) {
                throw new IllegalArgumentException("window stride must be >= 0 (0 = the window length), got " + stride);
            }
        }
    }

    public RadarImages(Config config, long seed) throws IOException {
        super(Path.of(config.root()), config.size(), seed);
        this.stride = config.stride();
        for (String split : List.of("train", "test")) {
            if (!Files.isDirectory(root.resolve(split))) {
                throw new NoSuchFileException(
                        root.resolve(split).toString(),
                        null,
                        "a radar folder needs train/ and test/ sub-folders of recordings");
            }
        }
    }

    @Override
    protected Clips cut(boolean training, int length) throws IOException {
        Path split = root.resolve(training ? "train" : "test");
        List<float[]> frames = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int step = stride == 0 ? length : stride;
        List<List<Path>> recordings = recordings(split);
        for (List<Path> recording : recordings) {
            int first = frames.size();
            for (Path image : recording) {
                frames.add(read(image));
            }
            for (int s = 0; s + length <= recording.size(); s += step) {
                starts.add(first + s);
            }
        }
        if (starts.isEmpty()) {
            throw new IOException(split + ": no recording has " + length + " frames (" + recordings.size()
                    + " recordings, " + frames.size() + " images)");
        }
        return gather(frames, starts, length);
    }

    private static List<List<Path>> recordings(Path split) throws IOException {
        List<List<Path>> out = new ArrayList<>();
        List<Path> loose = new ArrayList<>();
        for (Path child : sortedChildren(split)) {
            if (Files.isDirectory(child)) {
                List<Path> images = sortedChildren(child).stream()
                        .filter(ImageFolderClips::isImage)
                        .toList();
                if (!images.isEmpty()) {
                    out.add(images);
                }
            } else if (isImage(child)) {
                loose.add(child);
            }
        }
        if (!loose.isEmpty()) {
            out.add(0, loose);
        }
        return out;
    }
}
