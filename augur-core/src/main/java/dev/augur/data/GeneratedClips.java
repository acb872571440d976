package dev.augur.data;

import java.util.SplittableRandom;

/**
 * What every generator of square clips shares: training batches drawn from a stream that depends only on
 * (seed, step), so a resumed run sees the same batches, and one fixed test set drawn from a stream training never
 * uses (the seed mixed with the generator's own test offset).
 */
abstract class GeneratedClips extends SquareClipSource {
    protected final long seed;
    private final long testSeedOffset;

    GeneratedClips(long seed, long testSeedOffset, int channels, int size) {
        super(channels, size);
        this.seed = seed;
        this.testSeedOffset = testSeedOffset;
    }

    /** {@code count} sequences of {@code length} frames from {@code rng}; {@code test} for the test set. */
    abstract Clips draw(SplittableRandom rng, int count, int length, boolean test);

    @Override
    public final Clips trainingBatch(long step, int batchSize, int length) {
        return draw(new SplittableRandom(mix(seed, step)), batchSize, length, false);
    }

    @Override
    public final Clips testSet(int count, int length) {
        return draw(new SplittableRandom(mix(seed ^ testSeedOffset, -1)), count, length, true);
    }

    /** SplitMix64 finaliser of (seed, step): independent, reproducible streams per step. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
