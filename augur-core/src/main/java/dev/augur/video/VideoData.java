package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.BouncingBalls;
import dev.augur.data.ClipArchive;
import dev.augur.data.ClipSource;
import dev.augur.data.MovingMnist;
import dev.augur.data.PredRnnNpz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a video model's sequences come from, as saved in its bundle so {@code test} rebuilds the same fixed test
 * set: generated bouncing balls, generated Moving MNIST, or a pair of predrnn {@code .npz} files (train, test).
 */
public record VideoData(String generator, BouncingBalls.Config balls, MovingMnist.Config mnist, String trainFile,
                        String testFile, long seed) {
    public static final List<String> GENERATORS = List.of("bouncing-balls", "moving-mnist", "npz");

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
    }

    public static VideoData balls(BouncingBalls.Config config, long seed) {
        return new VideoData("bouncing-balls", config, null, null, null, seed);
    }

    public static VideoData movingMnist(MovingMnist.Config config, long seed) {
        return new VideoData("moving-mnist", null, config, null, null, seed);
    }

    public static VideoData npz(Path train, Path test, long seed) {
        return new VideoData("npz", null, null, train.toAbsolutePath().normalize().toString(),
                test.toAbsolutePath().normalize().toString(), seed);
    }

    /** The same data with another number of Moving MNIST digits (the MNIST-3 transfer test). */
    public VideoData withDigits(int digits) {
        if (mnist == null) {
            throw new IllegalArgumentException("--digits applies to Moving MNIST only; this model was trained on " + generator);
        }
        return movingMnist(mnist.withDigits(digits), seed);
    }

    public ClipSource source() throws IOException {
        return switch (generator) {
            case "bouncing-balls" -> new BouncingBalls(balls, seed);
            case "moving-mnist" -> new MovingMnist(mnist, seed);
            default -> {
                try (NDManager m = NDManager.newBaseManager()) {
                    yield new ClipArchive(PredRnnNpz.read(m, Path.of(trainFile)), PredRnnNpz.read(m, Path.of(testFile)), seed);
                }
            }
        };
    }
}
