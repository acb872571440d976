package dev.augur.data;

import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * Sequences held in memory (read from files): training batches draw sequences uniformly with replacement, a pure
 * function of (seed, step) so a resumed run sees the same batches; the test set is the first sequences of the
 * test archive, in file order.
 */
public final class ClipArchive implements ClipSource {
    private final Clips train;
    private final Clips test;
    private final long seed;

    public ClipArchive(Clips train, Clips test, long seed) {
        if (train.channels() != test.channels() || train.height() != test.height() || train.width() != test.width()) {
            throw new IllegalArgumentException(
                    "training frames are " + train.channels() + "x" + train.height() + "x" + train.width()
                            + " but test frames are " + test.channels() + "x" + test.height() + "x" + test.width());
        }
        this.train = train;
        this.test = test;
        this.seed = seed;
    }

    @Override
    public int channels() {
        return train.channels();
    }

    @Override
    public int height() {
        return train.height();
    }

    @Override
    public int width() {
        return train.width();
    }

    @Override
    public OptionalInt testCount(int length) {
        return OptionalInt.of(test.count());
    }

    @Override
    public Clips trainingBatch(long step, int batchSize, int length) {
        requireLength(train, length, "training");
        SplittableRandom rng = new SplittableRandom(GeneratedClips.mix(seed, step));
        int frame = train.frameSize();
        float[] out = new float[batchSize * length * frame];
        for (int b = 0; b < batchSize; b++) {
            int s = rng.nextInt(train.count());
            System.arraycopy(train.data(), s * train.length() * frame, out, b * length * frame, length * frame);
        }
        return new Clips(out, batchSize, length, train.channels(), train.height(), train.width());
    }

    @Override
    public Clips testSet(int count, int length) {
        requireLength(test, length, "test");
        if (count > test.count()) {
            throw new IllegalArgumentException(
                    "asked for " + count + " test sequences, the test data has " + test.count());
        }
        return test.sequences(0, count).frames(0, length);
    }

    private static void requireLength(Clips clips, int length, String what) {
        if (length > clips.length()) {
            throw new IllegalArgumentException(
                    what + " sequences have " + clips.length() + " frames, " + length + " needed");
        }
    }
}
