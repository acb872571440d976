package dev.augur.behavior;

import ai.djl.ndarray.NDManager;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;

/** Loading behaviour-classifier bundles (task {@code behavior}). */
public final class BehaviorModels {
    private BehaviorModels() {}

    /** A loaded bundle: the network with its weights, and what it needs to read new videos. */
    public record Loaded(SequenceClassifier model, BehaviorExperiment.BehaviorModel info, Path dir)
            implements AutoCloseable {
        @Override
        public void close() {
            model.close();
        }
    }

    public static Loaded load(Path dir, NDManager manager) throws IOException {
        ModelBundle bundle = ModelBundle.read(dir, BehaviorExperiment.TASK);
        BehaviorExperiment.BehaviorModel info = bundle.section("model", BehaviorExperiment.BehaviorModel.class);
        SequenceClassifier model = SequenceClassifier.create(info.spec(), manager, 0);
        return new Loaded(bundle.loadWeights(model.weights(), model), info, dir);
    }
}
