package dev.augur.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bouncing balls after Sutskever, Hinton and Taylor's RTRBM data: balls of radius r in a 10×10 box, speeds of
 * norm {@code speed} in random directions, elastic collisions with the walls and with each other (equal masses
 * swap their velocity components along the line of centres), rendered as soft discs exp(−(d²/r²)⁴).
 * With {@code velocityColour} (seed 001) the frames have three channels: red and green encode the x and y
 * velocity (0.5 ± 0.5·v/|v|max) and blue the ball itself, so one frame tells where each ball is going.
 */
public final class BouncingBalls extends GeneratedClips {
    private static final double BOX = 10.0;
    private static final long TEST_SEED_OFFSET = 0x5EED_7E57L;

    private final Config config;

    /**
     * @param size           frame side in pixels
     * @param balls          number of balls
     * @param radius         ball radius in box units (box side 10; Sutskever uses 1.2)
     * @param speed          speed in box units per frame (Sutskever: 0.5)
     * @param velocityColour three channels encoding velocity (seed 001) instead of one grey channel
     */
    public record Config(int size, int balls, double radius, double speed, boolean velocityColour) {
        public Config {
            if (size < 4) {
                throw new IllegalArgumentException("frame size must be >= 4, got " + size);
            }
            if (balls < 1) {
                throw new IllegalArgumentException("need at least one ball, got " + balls);
            }
            if (!(radius > 0) || radius * 2 * balls >= BOX * 2) {
                throw new IllegalArgumentException("radius must be > 0 and leave room for the balls, got " + radius);
            }
            if (!(speed > 0) || speed >= radius) {
                throw new IllegalArgumentException(
                        "speed must be in (0, radius) so balls cannot jump through each other, got " + speed);
            }
        }

        public int channels() {
            return velocityColour ? 3 : 1;
        }

        /** Seed 001's setting: 32×32, three balls, velocity as colour. */
        public static Config seed001() {
            return new Config(32, 3, 1.2, 0.5, true);
        }
    }

    public BouncingBalls(Config config, long seed) {
        super(seed, TEST_SEED_OFFSET, config.channels(), config.size());
        this.config = config;
    }

    public Config config() {
        return config;
    }

    @Override
    Clips draw(SplittableRandom rng, int count, int length, boolean test) {
        int per = length * channels() * config.size() * config.size();
        float[] data = new float[count * per];
        for (int s = 0; s < count; s++) {
            render(simulate(rng, length), data, s * per);
        }
        return new Clips(data, count, length, channels(), config.size(), config.size());
    }

    /** Positions and velocities [t][ball][x, y, vx, vy]. */
    double[][][] simulate(SplittableRandom rng, int length) {
        int n = config.balls();
        double r = config.radius();
        double[][] pos = placeApart(rng, n, r);
        double[][] vel = new double[n][2];
        for (int i = 0; i < n; i++) {
            double angle = rng.nextDouble() * 2 * Math.PI;
            vel[i][0] = config.speed() * Math.cos(angle);
            vel[i][1] = config.speed() * Math.sin(angle);
        }
        double[][][] track = new double[length][n][4];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < n; i++) {
                track[t][i] = new double[] {pos[i][0], pos[i][1], vel[i][0], vel[i][1]};
            }
            advance(pos, vel, r);
        }
        return track;
    }

    private static double[][] placeApart(SplittableRandom rng, int n, double r) {
        double[][] pos = new double[n][];
        for (int attempt = 0; ; attempt++) {
            boolean ok = true;
            for (int i = 0; i < n && ok; i++) {
                pos[i] = new double[] {r + rng.nextDouble() * (BOX - 2 * r), r + rng.nextDouble() * (BOX - 2 * r)};
                for (int j = 0; j < i && ok; j++) {
                    ok = Math.hypot(pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]) > 2 * r;
                }
            }
            if (ok) {
                return pos;
            }
            if (attempt > 10_000) {
                throw new IllegalStateException("cannot place " + n + " balls of radius " + r + " apart");
            }
        }
    }

    private static void advance(double[][] pos, double[][] vel, double r) {
        int n = pos.length;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double dx = pos[i][0] - pos[j][0];
                double dy = pos[i][1] - pos[j][1];
                double dist = Math.hypot(dx, dy);
                if (dist < 2 * r && dist > 0) {
                    double ux = dx / dist;
                    double uy = dy / dist;
                    double approach = (vel[i][0] - vel[j][0]) * ux + (vel[i][1] - vel[j][1]) * uy;
                    if (approach < 0) { // only balls moving towards each other collide
                        vel[i][0] -= approach * ux;
                        vel[i][1] -= approach * uy;
                        vel[j][0] += approach * ux;
                        vel[j][1] += approach * uy;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 2; d++) {
                pos[i][d] += vel[i][d];
                if (pos[i][d] < r) {
                    pos[i][d] = 2 * r - pos[i][d];
                    vel[i][d] = Math.abs(vel[i][d]);
                } else if (pos[i][d] > BOX - r) {
                    pos[i][d] = 2 * (BOX - r) - pos[i][d];
                    vel[i][d] = -Math.abs(vel[i][d]);
                }
            }
        }
    }

    private void render(double[][][] track, float[] out, int offset) {
        int size = config.size();
        int channels = channels();
        double r2 = config.radius() * config.radius();
        double scale = BOX / size;
        double vmax = config.speed();
        int plane = size * size;
        float[] value = new float[channels];
        for (int t = 0; t < track.length; t++) {
            int base = offset + t * channels * plane;
            for (int yPix = 0; yPix < size; yPix++) {
                double y = (yPix + 0.5) * scale;
                for (int xPix = 0; xPix < size; xPix++) {
                    double x = (xPix + 0.5) * scale;
                    Arrays.fill(value, 0f);
                    for (double[] ball : track[t]) {
                        double d2 = ((x - ball[0]) * (x - ball[0]) + (y - ball[1]) * (y - ball[1])) / r2;
                        double a = Math.exp(-(d2 * d2 * d2 * d2));
                        if (a < 1e-4) {
                            continue;
                        }
                        if (channels == 1) {
                            value[0] += (float) a;
                        } else {
                            value[0] += (float) (a * (0.5 + 0.5 * Math.max(-1, Math.min(1, ball[2] / vmax))));
                            value[1] += (float) (a * (0.5 + 0.5 * Math.max(-1, Math.min(1, ball[3] / vmax))));
                            value[2] += (float) a;
                        }
                    }
                    for (int c = 0; c < channels; c++) {
                        out[base + c * plane + yPix * size + xPix] = Math.min(1f, value[c]);
                    }
                }
            }
        }
    }
}
