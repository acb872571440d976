package dev.augur.cli;

import ai.djl.ndarray.NDManager;
import dev.augur.behavior.BehaviorData;
import dev.augur.behavior.BehaviorModels;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A saved behaviour model and the videos it is to read: the options {@code behavior test} and {@code predict} share.
 */
final class BehaviorInputs {
    @Option(names = "--model", required = true, description = "model bundle folder")
    Path model;

    @Option(
            names = "--data",
            required = true,
            description = "CalMS21 task-1 JSON (annotations optional), or a MABe-layout folder")
    Path data;

    @Option(
            names = "--split",
            defaultValue = "test",
            description = "MABe folders: which <split>.csv to read (default: ${DEFAULT-VALUE})")
    String split;

    /** The loaded model and the videos, featured and scaled as the model was trained. */
    record Opened(BehaviorModels.Loaded loaded, BehaviorData videos) implements AutoCloseable {
        @Override
        public void close() {
            loaded.close();
        }
    }

    Opened open(NDManager manager) throws Exception {
        BehaviorModels.Loaded loaded = BehaviorModels.load(model, manager);
        try {
            BehaviorData d =
                    BehaviorData.of(PoseInputs.read(data, split), loaded.info().scaler());
            if (!d.vocabulary().equals(loaded.info().vocabulary())) {
                throw new IllegalArgumentException(data + ": vocabulary " + d.vocabulary()
                        + " differs from the model's " + loaded.info().vocabulary());
            }
            return new Opened(loaded, d);
        } catch (Exception e) {
            loaded.close();
            throw e;
        }
    }
}
