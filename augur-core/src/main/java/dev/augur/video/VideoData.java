package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.BouncingBalls;
import dev.augur.data.ClipArchive;
import dev.augur.data.ClipSource;
import dev.augur.data.KthActions;
import dev.augur.data.MovingMnist;
import dev.augur.data.PredRnnNpz;
import dev.augur.data.RadarEchoes;
import dev.augur.data.RadarImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a video model's sequences come from, as saved in its bundle so {@code test} rebuilds the same fixed test
 * set: generated bouncing balls, generated Moving MNIST, synthetic radar echoes, or a pair of predrnn {@code .npz}
 * files (train, test).
 */
public record VideoData(
        String generator,
        BouncingBalls.Config balls,
        MovingMnist.Config mnist,
        String trainFile,
        String testFile,
        RadarEchoes.Config radar,
        KthActions.Config kth,
        RadarImages.Config radarImages,
        long seed) {
    public static final List<String> GENERATORS =
            List.of("bouncing-balls", "moving-mnist", "npz", "radar", "kth", "radar-images");

    public VideoData {
        if (!GENERATORS.contains(generator)) {
            throw new IllegalArgumentException("unknown data source '" + generator + "' (known: " + GENERATORS + ")");
        }
        if (generator.equals("bouncing-balls") && balls == null) {
            throw new IllegalArgumentException("bouncing-balls data needs its settings");
        }
        if (generator.equals("moving-mnist") && mnist == null) {
            throw new IllegalArgumentException("moving-mnist data needs its settings");
        }
        if (generator.equals("npz") && (trainFile == null || testFile == null)) {
            throw new IllegalArgumentException("npz data needs a training and a test file");
        }
        if (generator.equals("radar") && radar == null) {
            throw new IllegalArgumentException("radar data needs its settings");
        }
        if (generator.equals("kth") && kth == null) {
            throw new IllegalArgumentException("KTH data needs its folder and frame size");
        }
        if (generator.equals("radar-images") && radarImages == null) {
            throw new IllegalArgumentException("radar images need their folder, frame size and window stride");
        }
    }

    public static VideoData balls(BouncingBalls.Config config, long seed) {
        return new VideoData("bouncing-balls", config, null, null, null, null, null, null, seed);
    }

    public static VideoData movingMnist(MovingMnist.Config config, long seed) {
        return new VideoData("moving-mnist", null, config, null, null, null, null, null, seed);
    }

    public static VideoData npz(Path train, Path test, long seed) {
        return new VideoData(
                "npz",
                null,
                null,
                train.toAbsolutePath().normalize().toString(),
                test.toAbsolutePath().normalize().toString(),
                null,
                null,
                null,
                seed);
    }

    /** Synthetic radar echoes (the PredRNN paper's radar setting: 100×100, 10 → 10). */
    public static VideoData radar(RadarEchoes.Config config, long seed) {
        return new VideoData("radar", null, null, null, null, config, null, null, seed);
    }

    /** KTH actions from a folder in e3d_lstm's layout (persons 01-16 train, 17-25 test). */
    public static VideoData kth(Path root, int size, long seed) {
        return new VideoData(
                "kth",
                null,
                null,
                null,
                null,
                null,
                new KthActions.Config(root.toAbsolutePath().normalize().toString(), size),
                null,
                seed);
    }

    /** A folder of radar images (train/ and test/ of recordings; see {@link RadarImages}). */
    public static VideoData radarImages(Path root, int size, int stride, long seed) {
        return new VideoData(
                "radar-images",
                null,
                null,
                null,
                null,
                null,
                null,
                new RadarImages.Config(root.toAbsolutePath().normalize().toString(), size, stride),
                seed);
    }

    /** The same data drawn under another seed (training batches; and, for generated data, the test set). */
    public VideoData withSeed(long newSeed) {
        return new VideoData(generator, balls, mnist, trainFile, testFile, radar, kth, radarImages, newSeed);
    }

    /** The same data with another number of Moving MNIST digits (the MNIST-3 transfer test). */
    public VideoData withDigits(int digits) {
        if (mnist == null) {
            throw new IllegalArgumentException(
                    "--digits applies to Moving MNIST only; this model was trained on " + generator);
        }
        return movingMnist(mnist.withDigits(digits), seed);
    }

    /**
     * Intensity thresholds for CSI/POD/FAR: for radar data, 20, 30 and 40 dBZ under the HKO-7 grey-level mapping
     * pixel = (dBZ + 10) / 70; none for other data.
     */
    public double[] thresholds() {
        return generator.startsWith("radar") ? RADAR_THRESHOLDS.clone() : new double[0];
    }

    private static final double[] RADAR_THRESHOLDS = {30 / 70.0, 40 / 70.0, 50 / 70.0};

    public ClipSource source() throws IOException {
        return switch (generator) {
            case "bouncing-balls" -> new BouncingBalls(balls, seed);
            case "moving-mnist" -> new MovingMnist(mnist, seed);
            case "radar" -> new RadarEchoes(radar, seed);
            case "kth" -> new KthActions(kth, seed);
            case "radar-images" -> new RadarImages(radarImages, seed);
            default -> {
                try (NDManager m = NDManager.newBaseManager()) {
                    yield new ClipArchive(
                            PredRnnNpz.read(m, Path.of(trainFile)), PredRnnNpz.read(m, Path.of(testFile)), seed);
                }
            }
        };
    }
}
