package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;

/** Saving and loading video-prediction bundles (task {@code video}). */
public final class VideoModels {
    public static final String TASK = "video";

    private VideoModels() {}

    /** A loaded bundle: the network with its weights, and the data it was trained on. */
    public record Loaded(FramePredictor model, VideoData data, FramePredictionConfig training, Path dir)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    public static void save(Path dir, FramePredictor model, FramePredictionConfig training, VideoData data)
            throws IOException {
        ModelBundle.save(dir, TASK, model.spec(), training, data, model.weights());
    }

    public static Loaded load(Path dir, NDManager manager) throws IOException {
        ModelBundle bundle = ModelBundle.read(dir, TASK);
        ModelSpec spec = bundle.section("model", ModelSpec.class);
        VideoData data = bundle.section("data", VideoData.class);
        FramePredictionConfig training = bundle.section("training", FramePredictionConfig.class);
        FramePredictor model = FramePredictor.create(spec, manager, 0);
        return new Loaded(bundle.loadWeights(model.weights(), model), data, training, dir);
    }
}
