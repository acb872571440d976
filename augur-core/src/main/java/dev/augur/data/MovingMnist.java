package dev.augur.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Moving MNIST as Srivastava et al. (2015) and the PredRNN paper make it: {@code digits} 28×28 MNIST digits on a
 * {@code size}×{@code size} canvas, each placed uniformly, moving in a direction uniform on the circle at a speed
 * uniform in [3, 5) pixels per frame, bouncing off the edges; where digits overlap the brighter pixel wins
 * (occlusion as in Srivastava's code, a pixel-wise maximum). Training sequences are drawn on the fly from the
 * MNIST training digits, a pure function of (seed, step); the test set is drawn once from the test digits with a
 * seed training never uses.
 */
public final class MovingMnist extends GeneratedClips {
    private static final long TEST_SEED_OFFSET = 0x7E57_D161L;
    private static final double MIN_SPEED = 3.0;
    private static final double MAX_SPEED = 5.0;

    private final Config config;
    private final MnistDigits train;
    private final MnistDigits test;

    /**
     * @param size     canvas side in pixels (64 in the papers)
     * @param digits   digits per sequence (2; 3 for the transfer test)
     * @param mnistDir folder of the four MNIST IDX files
     */
    public record Config(int size, int digits, String mnistDir) {
        public Config {
            if (size < 28) {
                throw new IllegalArgumentException("canvas must be at least 28 px to hold a digit, got " + size);
            }
            if (digits < 1 || digits > 9) {
                throw new IllegalArgumentException("digits per sequence must be 1 to 9, got " + digits);
            }
            if (mnistDir == null || mnistDir.isBlank()) {
                throw new IllegalArgumentException("Moving MNIST needs the folder of MNIST digits");
            }
        }

        public Config withDigits(int n) {
            return new Config(size, n, mnistDir);
        }
    }

    public MovingMnist(Config config, long seed) throws IOException {
        this(
                config,
                seed,
                MnistDigits.read(Path.of(config.mnistDir()), MnistDigits.TRAIN),
                MnistDigits.read(Path.of(config.mnistDir()), MnistDigits.TEST));
    }

    public MovingMnist(Config config, long seed, MnistDigits train, MnistDigits test) {
        super(seed, TEST_SEED_OFFSET, 1, config.size());
        this.config = config;
        this.train = train;
        this.test = test;
    }

    @Override
    Clips draw(SplittableRandom rng, int count, int length, boolean testDigits) {
        MnistDigits source = testDigits ? test : train;
        int size = config.size();
        int per = length * size * size;
        float[] data = new float[count * per];
        for (int s = 0; s < count; s++) {
            for (int d = 0; d < config.digits(); d++) {
                int digit = rng.nextInt(source.count());
                drawDigit(
                        source,
                        digit,
                        trajectory(rng, length, size - source.rows(), size - source.cols()),
                        data,
                        s * per);
            }
        }
        return new Clips(data, count, length, 1, size, size);
    }

    /** Top-left corners [t][row, col] of one digit bouncing inside [0, maxRow] × [0, maxCol]. */
    static int[][] trajectory(SplittableRandom rng, int length, int maxRow, int maxCol) {
        double r = rng.nextDouble() * maxRow;
        double c = rng.nextDouble() * maxCol;
        double theta = rng.nextDouble() * 2 * Math.PI;
        double speed = MIN_SPEED + rng.nextDouble() * (MAX_SPEED - MIN_SPEED);
        double vr = speed * Math.sin(theta);
        double vc = speed * Math.cos(theta);
        int[][] out = new int[length][];
        for (int t = 0; t < length; t++) {
            out[t] = new int[] {(int) Math.round(r), (int) Math.round(c)};
            r += vr;
            c += vc;
            if (r < 0 || r > maxRow) {
                vr = -vr;
                r = r < 0 ? -r : 2 * maxRow - r;
            }
            if (c < 0 || c > maxCol) {
                vc = -vc;
                c = c < 0 ? -c : 2 * maxCol - c;
            }
        }
        return out;
    }

    private void drawDigit(MnistDigits source, int digit, int[][] corners, float[] data, int offset) {
        int size = config.size();
        for (int t = 0; t < corners.length; t++) {
            int base = offset + t * size * size;
            for (int y = 0; y < source.rows(); y++) {
                for (int x = 0; x < source.cols(); x++) {
                    int at = base + (corners[t][0] + y) * size + corners[t][1] + x;
                    data[at] = Math.max(data[at], source.pixel(digit, y, x));
                }
            }
        }
    }
}
