package dev.augur.events;

import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.data.FrameStore;
import dev.augur.data.VideoReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One recording prepared for the burst forecaster: motion energy at full resolution (seed 000: 120×160), and
 * the frames kept as bytes at the model's resolution (an integer factor smaller) in a frame store on disk, split into
 * contiguous time blocks — train, validation, test — so that no input window and no label window crosses a split.
 * The label rule and the baseline are refit on the training block only. In a split by recording
 * ({@link BurstRecordings}) a recording is one block whole.
 */
public final class BurstData implements Closeable {

    /** Fractions of the recording, in time order (seed 000: 25 / 2 / 3 minutes of 30). */
    public record Split(double train, double validation) {
        public Split {
            if (!(train > 0) || !(validation >= 0) || train + validation >= 1) {
                throw new IllegalArgumentException(
                        "train and validation fractions must leave a test block, got " + train + ", " + validation);
            }
        }

        public static Split seed000() {
            return new Split(25.0 / 30, 2.0 / 30);
        }
    }

    public enum Block {
        TRAIN(0),
        VALIDATION(1),
        TEST(2);

        /** Place in time: the blocks follow one another in this order, their ends in {@code blockEnds}. */
        private final int position;

        Block(int position) {
            this.position = position;
        }
    }

    private final Decoded recording;
    private final int[] labels;
    private final double[] baseline;
    private final BurstRule rule;
    private final int[] blockEnds; // exclusive ends of train, validation, test in frames

    /**
     * A recording decoded once: motion energy at full resolution, and its frames at the model's resolution in a
     * {@link FrameStore} (on disk, read back at random) that this record closes.
     */
    public record Decoded(Path video, double[] energy, FrameStore frames) implements Closeable {
        /** Motion energy of every frame pair: the values a label rule or baseline is refit on. */
        public double[] pairEnergy() {
            return Arrays.copyOf(energy, energy.length - 1);
        }

        @Override
        public void close() throws IOException {
            frames.close();
        }
    }

    private BurstData(Decoded recording, BurstRule rule, AlgorithmicBaseline baseline, int[] blockEnds) {
        this.recording = recording;
        this.rule = rule;
        this.labels = rule.labels(recording.energy());
        this.baseline = baseline.probabilities(recording.energy());
        this.blockEnds = blockEnds;
    }

    /**
     * Reads a recording once (see {@link #decode}) and splits it into time blocks: the label rule and the baseline
     * are refit on the training block.
     */
    public static BurstData read(
            Path video,
            VideoReader.Options options,
            int factor,
            Split split,
            BurstRule rule,
            AlgorithmicBaseline baseline,
            Path scratch)
            throws IOException {
        Decoded d = decode(video, options, factor, scratch, rule);
        try {
            int n = d.frames().frameCount();
            int trainEnd = (int) Math.round(n * split.train());
            int valEnd = (int) Math.round(n * (split.train() + split.validation()));
            double[] trainEnergy = Arrays.copyOf(d.energy(), Math.max(2, trainEnd - 1));
            return new BurstData(
                    d, rule.refit(trainEnergy), baseline.refit(trainEnergy), new int[] {trainEnd, valEnd, n});
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * A whole recording as one block of a split by recording, labelled by a rule (and scored by a baseline) already
     * refit on the training recordings; this closes {@code recording}.
     */
    public static BurstData whole(Decoded recording, Block block, BurstRule rule, AlgorithmicBaseline baseline) {
        int n = recording.frames().frameCount();
        int[] ends = new int[3];
        for (Block b : Block.values()) {
            ends[b.position] = b.position < block.position ? 0 : n;
        }
        return new BurstData(recording, rule, baseline, ends);
    }

    /**
     * Decodes a recording once: energy at {@code options}' size, frames stored downscaled by {@code factor} (box
     * average) in a frame store in {@code scratch}.
     */
    public static Decoded decode(Path video, VideoReader.Options options, int factor, Path scratch, BurstRule rule)
            throws IOException {
        if (factor < 1 || options.height() % factor != 0 || options.width() % factor != 0) {
            throw new IllegalArgumentException(
                    "downscale factor " + factor + " must divide " + options.width() + "x" + options.height());
        }
        FrameStore store = FrameStore.create(scratch, options.height() / factor, options.width() / factor);
        try {
            double[] energy;
            try (FrameSource reader = FrameCache.open(video, options)) {
                energy = MotionEnergy.of(
                        reader, f -> store.append(downscale(f.pixels(), options.height(), options.width(), factor)));
            }
            int n = store.frameCount();
            if (n < 10 * (rule.horizon() + 2)) {
                throw new IOException(video + ": " + n + " frames are too few for burst labels with a " + rule.horizon()
                        + "-frame horizon (at least " + 10 * (rule.horizon() + 2) + ")");
            }
            // energy[t] needs frame t+1: the last frame has none, so it gets the previous value (never labelled)
            double[] e = Arrays.copyOf(energy, n);
            e[n - 1] = energy.length > 0 ? energy[energy.length - 1] : 0;
            return new Decoded(video, e, store);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static byte[] downscale(float[] pixels, int height, int width, int factor) {
        int h = height / factor;
        int w = width / factor;
        byte[] out = new byte[h * w];
        float norm = 1f / (factor * factor);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int dy = 0; dy < factor; dy++) {
                    for (int dx = 0; dx < factor; dx++) {
                        s += pixels[(y * factor + dy) * width + x * factor + dx];
                    }
                }
                out[y * w + x] = (byte) Math.round(Math.max(0, Math.min(1, s * norm)) * 255);
            }
        }
        return out;
    }

    public Path video() {
        return recording.video();
    }

    public int frameCount() {
        return recording.frames().frameCount();
    }

    public int height() {
        return recording.frames().height();
    }

    public int width() {
        return recording.frames().width();
    }

    public double[] energy() {
        return recording.energy();
    }

    public int[] labels() {
        return labels;
    }

    public double[] baseline() {
        return baseline;
    }

    public BurstRule rule() {
        return rule;
    }

    /** The first frame of the block that holds frame {@code t}. */
    public int blockStartOf(int t) {
        for (int b = 0; b < blockEnds.length; b++) {
            if (t < blockEnds[b]) {
                return b == 0 ? 0 : blockEnds[b - 1];
            }
        }
        throw new IllegalArgumentException("frame " + t + " is past the end (" + frameCount() + " frames)");
    }

    /**
     * One block as a labelled series (frames numbered as in the video): the labels refit on the training block, −1
     * where the label's window runs past the block's end, and the baseline as computed on the whole recording.
     */
    public BurstSeries series(Block block, double fps) {
        int start = block.position == 0 ? 0 : blockEnds[block.position - 1];
        int end = blockEnds[block.position];
        int n = end - start;
        double[] e = Arrays.copyOfRange(energy(), start, end);
        int[] l = Arrays.copyOfRange(labels, start, end);
        for (int t = Math.max(0, n - rule.horizon() - 1); t < n; t++) {
            l[t] = -1;
        }
        double[] time = new double[n];
        Arrays.setAll(time, t -> (start + t) / fps);
        return new BurstSeries(
                video() + " (" + block.name().toLowerCase(Locale.ROOT) + " block)",
                start,
                time,
                e,
                l,
                Arrays.copyOfRange(baseline, start, end),
                List.of(),
                new double[0][]);
    }

    /**
     * Frames t of a block that can be scored with a {@code window}-frame input: the input [t−W+1, t] and the
     * label's frames [t, t+h+1] both lie inside the block, and the baseline (which looks back 89 frames) is
     * defined. Every {@code stride}-th such frame.
     */
    public int[] eligible(Block block, int window, int lookback, int stride) {
        int start = block.position == 0 ? 0 : blockEnds[block.position - 1];
        int end = blockEnds[block.position];
        int first = start + Math.max(window - 1, lookback);
        int last = end - rule.horizon() - 2;
        List<Integer> out = new ArrayList<>();
        for (int t = first; t <= last; t += stride) {
            if (labels[t] >= 0) {
                out.add(t);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Windows ending at frames {@code ts}, [n, W, H, Wd] floats in [0, 1], flipped where asked (bit 0: left-right, bit
     * 1: up-down).
     */
    public float[] windows(int[] ts, int window, int[] flips) {
        int plane = height() * width();
        float[] out = new float[ts.length * window * plane];
        for (int i = 0; i < ts.length; i++) {
            window(ts[i], window, flips == null ? 0 : flips[i], out, i * window * plane);
        }
        return out;
    }

    /** The window ending at frame {@code t}, flipped as {@link #windows} says, into {@code out} from {@code at}. */
    void window(int t, int window, int flip, float[] out, int at) {
        int height = height();
        int width = width();
        int plane = height * width;
        byte[] frames = recording.frames().read(t - window + 1, window);
        for (int k = 0; k < window; k++) {
            int base = at + k * plane;
            for (int y = 0; y < height; y++) {
                int sy = (flip & 2) != 0 ? height - 1 - y : y;
                for (int x = 0; x < width; x++) {
                    int sx = (flip & 1) != 0 ? width - 1 - x : x;
                    out[base + y * width + x] = (frames[k * plane + sy * width + sx] & 0xFF) / 255f;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        recording.close();
    }
}
