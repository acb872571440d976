package dev.augur.train;

import java.nio.file.Path;

/** What a training run reports as it goes; the CLI draws a progress bar from it. */
public interface ProgressListener {
    default void started(long firstStep, long totalSteps) {}

    default void stepped(long step, long totalSteps, float loss) {}

    default void checkpointed(long step, Path file) {}

    default void finished() {}

    ProgressListener SILENT = new ProgressListener() {};

    /** This listener, and then {@code after}, told of everything in the same order. */
    default ProgressListener then(ProgressListener after) {
        ProgressListener first = this;
        return new ProgressListener() {
            @Override
            public void started(long firstStep, long totalSteps) {
                first.started(firstStep, totalSteps);
                after.started(firstStep, totalSteps);
            }

            @Override
            public void stepped(long step, long totalSteps, float loss) {
                first.stepped(step, totalSteps, loss);
                after.stepped(step, totalSteps, loss);
            }

            @Override
            public void checkpointed(long step, Path file) {
                first.checkpointed(step, file);
                after.checkpointed(step, file);
            }

            @Override
            public void finished() {
                first.finished();
                after.finished();
            }
        };
    }
}
