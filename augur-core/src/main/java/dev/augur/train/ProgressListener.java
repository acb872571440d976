package dev.augur.train;

import java.nio.file.Path;

/** What a training run reports as it goes; the CLI draws a progress bar from it. */
public interface ProgressListener {
    default void started(long firstStep, long totalSteps) {}

    default void stepped(long step, long totalSteps, float loss) {}

    default void checkpointed(long step, Path file) {}

    default void finished() {}

    ProgressListener SILENT = new ProgressListener() {};
}
