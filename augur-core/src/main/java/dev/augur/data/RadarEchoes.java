package dev.augur.data;

import java.util.SplittableRandom;

/**
 * Synthetic radar echoes for precipitation nowcasting, shaped like the PredRNN paper's Guangzhou set (100×100
 * frames, 20-frame sequences, 10 → 10): storm cells that are advected by one wind per sequence (plus a small
 * drift of their own), are born, grow and decay over a lifetime (intensity ∝ sin of the life fraction), are
 * elliptical Gaussians in an arbitrary orientation, and carry a texture that moves with the wind. The reflectivity
 * field is 1 − exp(−Σ cells), in [0, 1). Training sequences are a pure function of (seed, step); the test set
 * comes from a seed training never uses.
 */
public final class RadarEchoes extends GeneratedClips {
    private static final long TEST_SEED_OFFSET = 0x4ADA_12L;

    private final Config config;

    /**
     * @param size     frame side (100 as the paper's radar set)
     * @param maxCells most storm cells alive in one sequence (at least one)
     * @param maxWind  largest wind speed in pixels per frame
     */
    public record Config(int size, int maxCells, double maxWind) {
        public Config {
            if (size < 8) {
                throw new IllegalArgumentException("radar frames must be at least 8 px, got " + size);
            }
            if (maxCells < 1) {
                throw new IllegalArgumentException("need at least one storm cell, got " + maxCells);
            }
            if (!(maxWind >= 0)) {
                throw new IllegalArgumentException("wind must be >= 0, got " + maxWind);
            }
        }

        /** 100×100, up to 8 cells, wind up to 2 px per frame. */
        public static Config guangzhouLike() {
            return new Config(100, 8, 2.0);
        }
    }

    public RadarEchoes(Config config, long seed) {
        super(seed, TEST_SEED_OFFSET, 1, config.size());
        this.config = config;
    }

    /** One storm cell: born at {@code birth}, alive for {@code life} frames, moving with wind + own drift. */
    private record Cell(
            double x,
            double y,
            double vx,
            double vy,
            double sigmaA,
            double sigmaB,
            double angle,
            double peak,
            double birth,
            double life) {
        double strength(double t) {
            double f = (t - birth) / life;
            return f <= 0 || f >= 1 ? 0 : peak * Math.sin(Math.PI * f);
        }
    }

    @Override
    Clips draw(SplittableRandom rng, int count, int length, boolean test) {
        int size = config.size();
        float[] data = new float[count * length * size * size];
        for (int s = 0; s < count; s++) {
            double windAngle = rng.nextDouble() * 2 * Math.PI;
            double wind = rng.nextDouble() * config.maxWind();
            double wx = wind * Math.cos(windAngle);
            double wy = wind * Math.sin(windAngle);
            int n = 1 + rng.nextInt(config.maxCells());
            Cell[] cells = new Cell[n];
            for (int c = 0; c < n; c++) {
                double life = length * (0.6 + rng.nextDouble() * 1.4);
                cells[c] = new Cell(
                        rng.nextDouble() * size - wx * length / 2,
                        rng.nextDouble() * size - wy * length / 2,
                        wx + rng.nextGaussian() * 0.2,
                        wy + rng.nextGaussian() * 0.2,
                        size * (0.04 + rng.nextDouble() * 0.08),
                        size * (0.03 + rng.nextDouble() * 0.05),
                        rng.nextDouble() * Math.PI,
                        0.6 + rng.nextDouble() * 1.6,
                        -life * rng.nextDouble() * 0.8,
                        life);
            }
            double[][] waves = new double[4][];
            for (int k = 0; k < waves.length; k++) {
                waves[k] = new double[] {
                    (rng.nextDouble() - 0.5) * 0.5, (rng.nextDouble() - 0.5) * 0.5, rng.nextDouble() * 2 * Math.PI
                };
            }
            render(cells, waves, wx, wy, data, s * length * size * size, length);
        }
        return new Clips(data, count, length, 1, size, size);
    }

    private void render(Cell[] cells, double[][] waves, double wx, double wy, float[] out, int offset, int length) {
        int size = config.size();
        for (int t = 0; t < length; t++) {
            int base = offset + t * size * size;
            for (Cell c : cells) {
                double a = c.strength(t);
                if (a <= 0) {
                    continue;
                }
                double cx = c.x() + c.vx() * t;
                double cy = c.y() + c.vy() * t;
                double cos = Math.cos(c.angle());
                double sin = Math.sin(c.angle());
                double reach = 3 * c.sigmaA();
                int x0 = Math.max(0, (int) (cx - reach));
                int x1 = Math.min(size - 1, (int) (cx + reach));
                int y0 = Math.max(0, (int) (cy - reach));
                int y1 = Math.min(size - 1, (int) (cy + reach));
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        double dx = x - cx;
                        double dy = y - cy;
                        double u = (dx * cos + dy * sin) / c.sigmaA();
                        double v = (-dx * sin + dy * cos) / c.sigmaB();
                        out[base + y * size + x] += (float) (a * Math.exp(-0.5 * (u * u + v * v)));
                    }
                }
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double texture = 1;
                    for (double[] w : waves) {
                        texture += 0.15 * Math.sin(w[0] * (x - wx * t) + w[1] * (y - wy * t) + w[2]);
                    }
                    int i = base + y * size + x;
                    out[i] = (float) (1 - Math.exp(-Math.max(0, out[i] * texture)));
                }
            }
        }
    }
}
