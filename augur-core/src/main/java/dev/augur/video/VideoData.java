package dev.augur.video;

import dev.augur.data.BouncingBalls;
import dev.augur.data.ClipSource;

/**
 * Where a video model's sequences come from, as saved in its bundle so {@code test} rebuilds the same fixed
 * test set. Only generated bouncing balls for now; Moving MNIST and folders of frames join here.
 */
public record VideoData(String generator, BouncingBalls.Config balls, long seed) {
    public VideoData {
        if (!"bouncing-balls".equals(generator)) {
            throw new IllegalArgumentException("unknown data generator '" + generator + "' (known: bouncing-balls)");
        }
        if (balls == null) {
            throw new IllegalArgumentException("bouncing-balls data needs its settings");
        }
    }

    public static VideoData balls(BouncingBalls.Config config, long seed) {
        return new VideoData("bouncing-balls", config, seed);
    }

    public ClipSource source() {
        return new BouncingBalls(balls, seed);
    }
}
