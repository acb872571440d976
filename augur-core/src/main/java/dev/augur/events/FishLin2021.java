package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.augur.data.NumpyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Seed 000's published series (Lin 2021, "Convolutional-LSTMs-for-Motion-Forcasting": {@code targets/<block>/}):
 * per block a {@code Y_tilde.npy} (float64 [T], motion energy ỹ with ỹ[T − 1] = 0 as padding) and, where
 * published, {@code Y_label.npy} (the author's 0/1 labels). Each block becomes one series in
 * {@code bursts label}'s layout: the author's labels as published (or seed 000's rule where there are none) and
 * the baseline with the notebook's constants on the frames the author scored, 4n − 1 … T − 12.
 */
public final class FishLin2021 {
    public static final List<String> BLOCKS = List.of("train", "validation", "test");
    /** The author scored frames 119 … T − 12 of a block: the last 11 frames have no forecast. */
    public static final int UNSCORED_TAIL = 11;

    public static final double FPS = 30;

    private FishLin2021() {}

    /**
     * One converted block; {@code ruleDisagreements} counts frames where seed 000's rule and the published labels
     * differ.
     */
    public record Block(String name, BurstSeries series, boolean publishedLabels, int ruleDisagreements) {}

    /** The blocks present under {@code root} (a {@code targets/} folder or ../shared/data/fish-lin2021). */
    public static List<Block> read(Path root, NDManager manager) throws IOException {
        Path base = Files.isDirectory(root.resolve("targets")) ? root.resolve("targets") : root;
        if (!Files.isDirectory(base)) {
            throw new NoSuchFileException(root.toString(), null, "no such folder");
        }
        List<Block> out = new ArrayList<>();
        for (String name : BLOCKS) {
            if (Files.isRegularFile(base.resolve(name).resolve("Y_tilde.npy"))) {
                out.add(block(base.resolve(name), name, manager));
            }
        }
        if (out.isEmpty()) {
            throw new IOException(root + ": no block folder with a Y_tilde.npy (expected train/, validation/ or test/"
                    + " as in the seed repository's targets/)");
        }
        return out;
    }

    static Block block(Path dir, String name, NDManager manager) throws IOException {
        double[] yTilde = vector(dir.resolve("Y_tilde.npy"), manager);
        int n = yTilde.length;
        if (n < BurstRule.SEED_WARM_UP + BurstRule.seed000().horizon() + UNSCORED_TAIL + 2) {
            throw new IOException(dir.resolve("Y_tilde.npy") + ": " + n + " frames are too few for seed 000's labels");
        }
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(yTilde[t]) || yTilde[t] < 0) {
                throw new IOException(dir.resolve("Y_tilde.npy") + ": element " + t + " is " + yTilde[t]
                        + ", motion energy must be finite and >= 0");
            }
        }
        int[] rule = ruleLabels(yTilde);
        Path labelFile = dir.resolve("Y_label.npy");
        boolean published = Files.isRegularFile(labelFile);
        int[] labels = rule;
        int disagreements = 0;
        if (published) {
            double[] y = vector(labelFile, manager);
            if (y.length != n) {
                throw new IOException(labelFile + ": " + y.length + " labels for " + n + " motion-energy values");
            }
            labels = new int[n];
            for (int t = 0; t < n; t++) {
                if (y[t] != 0 && y[t] != 1) {
                    throw new IOException(labelFile + ": element " + t + " is " + y[t] + ", labels must be 0 or 1");
                }
                labels[t] = (int) y[t];
                if (labels[t] != Math.max(0, rule[t])) {
                    disagreements++;
                }
            }
        }
        BurstSeries series = BurstSeries.of(dir.toString(), FPS, yTilde, labels, baseline(yTilde));
        return new Block(name, series, published, disagreements);
    }

    /**
     * Seed 000's rule on a published ỹ: the last element is padding, so the rule reads ỹ[0 … T − 2]; frames
     * without a label (warm-up, the last h + 1) are −1.
     */
    public static int[] ruleLabels(double[] yTilde) {
        int[] l = BurstRule.seed000().labels(Arrays.copyOf(yTilde, yTilde.length - 1));
        int[] out = Arrays.copyOf(l, yTilde.length);
        out[out.length - 1] = -1;
        return out;
    }

    /** The notebook's baseline on the author's scored frames 119 … T − 12, NaN elsewhere. */
    public static double[] baseline(double[] yTilde) {
        double[] p = AlgorithmicBaseline.seed000().probabilities(yTilde);
        for (int t = 0; t < p.length; t++) {
            if (t < BurstRule.SEED_WARM_UP || t > p.length - 1 - UNSCORED_TAIL) {
                p[t] = Double.NaN;
            }
        }
        return p;
    }

    private static double[] vector(Path file, NDManager manager) throws IOException {
        try (NDManager m = manager.newSubManager()) {
            NDArray a = NumpyFiles.read(m, file).get(0);
            if (a.getShape().dimension() != 1) {
                throw new IOException(file + ": expected a 1-D array, got shape " + a.getShape());
            }
            return a.toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }
}
