package dev.augur.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What the image-folder data sets (KTH actions, radar echoes) share: grey square frames read from image files,
 * windows of consecutive frames cut once per (split, length) and kept, training batches drawn uniformly from
 * (seed, step), and the test set as the first test windows in folder order.
 */
abstract class ImageFolderClips extends SquareClipSource {
    protected final Path root;
    private final long seed;
    private final Map<String, Clips> windows = new HashMap<>();

    ImageFolderClips(Path root, int size, long seed) {
        super(1, checkedSize(size));
        this.root = root;
        this.seed = seed;
    }

    /** Every window of {@code length} frames of the training or the test split. */
    protected abstract Clips cut(boolean training, int length) throws IOException;

    private static int checkedSize(int size) {
        if (size < 4) {
            throw new IllegalArgumentException("frame size must be >= 4, got " + size);
        }
        return size;
    }

    @Override
    public final Clips trainingBatch(long step, int batchSize, int length) {
        Clips all = windows(true, length);
        SplittableRandom rng = new SplittableRandom(GeneratedClips.mix(seed, step));
        int per = length * size * size;
        float[] out = new float[batchSize * per];
        for (int b = 0; b < batchSize; b++) {
            System.arraycopy(all.data(), rng.nextInt(all.count()) * per, out, b * per, per);
        }
        return new Clips(out, batchSize, length, 1, size, size);
    }

    @Override
    public final Clips testSet(int count, int length) {
        Clips all = windows(false, length);
        if (count > all.count()) {
            throw new IllegalArgumentException(
                    root + ": asked for " + count + " test windows, the test split gives " + all.count());
        }
        return all.sequences(0, count);
    }

    @Override
    public final OptionalInt testCount(int length) {
        return OptionalInt.of(windows(false, length).count());
    }

    /** Every window of {@code length} frames of the training or the test split, cut on first use. */
    public final Clips windows(boolean training, int length) {
        return windows.computeIfAbsent(training + "/" + length, k -> {
            try {
                return cut(training, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The windows starting at {@code starts} of the frame list, as clips. */
    protected final Clips gather(List<float[]> frames, List<Integer> starts, int length) {
        int frame = size * size;
        float[] data = new float[starts.size() * length * frame];
        for (int w = 0; w < starts.size(); w++) {
            for (int t = 0; t < length; t++) {
                System.arraycopy(frames.get(starts.get(w) + t), 0, data, (w * length + t) * frame, frame);
            }
        }
        return new Clips(data, starts.size(), length, 1, size, size);
    }

    protected static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /**
     * One image as a grey {@code size}×{@code size} frame in [0, 1]: the first colour channel (as e3d_lstm takes
     * it; grey images have all three equal), resized bilinearly. An unreadable file is an error naming it.
     */
    protected final float[] read(Path file) throws IOException {
        BufferedImage scaled = ImageFiles.resized(ImageFiles.read(file), size, size);
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                out[y * size + x] = ((scaled.getRGB(x, y) >> 16) & 0xFF) / 255f;
            }
        }
        return out;
    }

    protected static boolean isImage(Path file) {
        return ImageFiles.isImage(file);
    }
}
