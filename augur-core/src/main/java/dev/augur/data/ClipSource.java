package dev.augur.data;

import java.util.OptionalInt;

/**
 * Where training and test sequences come from. Training batches are a pure function of (seed, step), so a
 * resumed run sees exactly the batches an uninterrupted one would have seen.
 */
public interface ClipSource {
    int channels();

    int height();

    int width();

    /** The training batch of step {@code step}: the same for the same source, step, size and length. */
    Clips trainingBatch(long step, int batchSize, int length);

    /** The fixed test set: {@code count} sequences drawn from a seed never used for training. */
    Clips testSet(int count, int length);

    /** How many test sequences of {@code length} frames a finite data set holds; empty for generated data. */
    default OptionalInt testCount(int length) {
        return OptionalInt.empty();
    }
}
