package dev.augur.behavior;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two mice in a 1024×570 px cage seen from above, seven CalMS21 body parts each, 30 Hz. The resident (mouse 0,
 * the agent) acts towards the intruder (mouse 1) in bouts of seed 004's seven behaviours, drawn so that the share
 * of frames of each behaviour matches the seed's class table in expectation: "other" bouts alternate with bouts of
 * the others, each picked with probability ∝ share / mean length. Each behaviour has its own kinematics — approach
 * (fast, closing distance), sniff_any (nose held at the intruder's head or tail base), attack (fast, erratic, close,
 * the intruder fleeing), mount (behind the intruder, same heading), intromit (mounted, rhythmic thrusting),
 * genitalgroom (curled up, nose at its own tail base) — and the resident eases towards each bout's pose, so bouts
 * blend as they do in real footage. Keypoints get Gaussian tracking noise and dropouts (NaN, low confidence).
 */
public final class MousePairSimulator {
    public static final List<String> VOCABULARY =
            List.of("intromit", "mount", "other", "attack", "sniff_any", "genitalgroom", "approach");
    /** Seed 004's class shares (of frames), in {@link #VOCABULARY} order. */
    static final double[] SHARES = {0.023, 0.063, 0.680, 0.049, 0.163, 0.014, 0.008};
    /** Mean bout length in frames, in {@link #VOCABULARY} order. */
    static final double[] MEAN_BOUT = {60, 90, 150, 30, 45, 60, 20};

    private static final int OTHER = VOCABULARY.indexOf("other");
    private static final double WIDTH = 1024;
    private static final double HEIGHT = 570;
    private static final double[] BODY = {80, 70};

    private final Config config;

    /**
     * @param noise     tracking noise, px (sd)
     * @param dropout   chance per frame, mouse and part that the tracker loses the part for 1–10 frames
     */
    public record Config(double noise, double dropout) {
        public Config {
            if (!(noise >= 0) || !(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException(
                        "noise must be >= 0 and dropout in [0, 1), got " + noise + ", " + dropout);
            }
        }

        public static Config standard() {
            return new Config(2.0, 0.001);
        }
    }

    public MousePairSimulator(Config config) {
        this.config = config;
    }

    /** One video of {@code frames} frames, a pure function of {@code seed}. */
    public PoseVideo video(String id, int frames, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = bouts(frames, rng);
        Mouse resident = new Mouse(300, 285, 0, BODY[0]);
        Mouse intruder = new Mouse(700, 285, Math.PI, BODY[1]);
        int parts = CalMs21Json.PARTS.size();
        float[] keypoints = new float[frames * 2 * parts * 2];
        for (int t = 0; t < frames; t++) {
            step(labels[t], t, resident, intruder, rng);
            int k = 0;
            for (Mouse m : List.of(resident, intruder)) {
                double[] xy = m.parts();
                for (int i = 0; i < xy.length; i++) {
                    keypoints[(t * 2 + k) * parts * 2 + i] = (float) (xy[i] + config.noise() * rng.nextGaussian());
                }
                k++;
            }
        }
        float[] confidence = new float[frames * 2 * parts];
        for (int i = 0; i < confidence.length; i++) {
            confidence[i] = (float) Math.min(1, 0.9 + 0.05 * rng.nextGaussian());
        }
        dropouts(keypoints, confidence, frames, 2 * parts, rng);
        boolean[] labelled = new boolean[VOCABULARY.size()];
        Arrays.fill(labelled, true);
        return new PoseVideo(
                id,
                CalMs21Json.FPS,
                "px",
                frames,
                2,
                CalMs21Json.PARTS,
                keypoints,
                confidence,
                0,
                1,
                labels,
                VOCABULARY,
                labelled,
                PoseVideo.Repairs.none());
    }

    /** Frame labels: "other" bouts alternating with bouts of the other behaviours. */
    static int[] bouts(int frames, SplittableRandom rng) {
        double[] pick = new double[SHARES.length];
        double behaviourFrames = 0;
        double weight = 0;
        for (int c = 0; c < SHARES.length; c++) {
            if (c != OTHER) {
                pick[c] = SHARES[c] / MEAN_BOUT[c];
                weight += pick[c];
                behaviourFrames += SHARES[c];
            }
        }
        // frames per non-other bout, on average, and the "other" bout length that gives "other" its share
        double meanBehaviourBout = behaviourFrames / weight;
        double otherBout = SHARES[OTHER] / behaviourFrames * meanBehaviourBout;
        int[] labels = new int[frames];
        int t = 0;
        boolean other = rng.nextBoolean();
        while (t < frames) {
            int c = other ? OTHER : draw(pick, weight, rng);
            int length = boutLength(other ? otherBout : MEAN_BOUT[c], rng);
            Arrays.fill(labels, t, Math.min(frames, t + length), c);
            t += length;
            other = !other;
        }
        return labels;
    }

    private static int draw(double[] weights, double total, SplittableRandom rng) {
        double u = rng.nextDouble() * total;
        for (int c = 0; c < weights.length; c++) {
            u -= weights[c];
            if (u < 0 && weights[c] > 0) {
                return c;
            }
        }
        return weights.length - 1;
    }

    /** Log-normal around the mean (sd of the log 0.5), at least 5 frames. */
    private static int boutLength(double mean, SplittableRandom rng) {
        double sigma = 0.5;
        return Math.max(5, (int) Math.round(mean * Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2)));
    }

    private static void step(int behaviour, int t, Mouse r, Mouse i, SplittableRandom rng) {
        String b = VOCABULARY.get(behaviour);
        switch (b) {
            case "approach" -> {
                r.steer(i.x, i.y, 5.5, 0.25);
                i.wander(1.5, rng);
            }
            case "sniff_any" -> {
                double[] spot = (t / 45) % 2 == 0 ? i.part(6) : i.part(0);
                r.holdNose(spot[0], spot[1], 0.3, rng);
                i.wander(0.6, rng);
            }
            case "attack" -> {
                double a = rng.nextDouble() * 2 * Math.PI;
                r.steer(i.x + 35 * Math.cos(a), i.y + 35 * Math.sin(a), 11, 0.6);
                i.flee(r, 7, rng);
            }
            case "mount", "intromit" -> {
                double thrust = b.equals("intromit") ? 7 * Math.sin(2 * Math.PI * 4 * t / 30.0) : 0;
                double back = 0.35 * i.length - thrust;
                r.follow(i.x - back * Math.cos(i.heading), i.y - back * Math.sin(i.heading), i.heading, 0.3);
                i.wander(0.4, rng);
            }
            case "genitalgroom" -> {
                r.curl(0.15);
                i.wander(1.5, rng);
            }
            default -> {
                r.wander(2.0, rng);
                i.wander(2.0, rng);
            }
        }
        if (!b.equals("genitalgroom")) {
            r.curl(-0.15);
        }
        r.keepInside();
        i.keepInside();
    }

    private void dropouts(float[] keypoints, float[] confidence, int frames, int points, SplittableRandom rng) {
        for (int p = 0; p < points; p++) {
            for (int t = 0; t < frames; t++) {
                if (rng.nextDouble() < config.dropout()) {
                    int length = 1 + rng.nextInt(10);
                    for (int g = t; g < Math.min(frames, t + length); g++) {
                        keypoints[(g * points + p) * 2] = Float.NaN;
                        keypoints[(g * points + p) * 2 + 1] = Float.NaN;
                        confidence[g * points + p] = 0.1f;
                    }
                    t += length;
                }
            }
        }
    }

    /** One mouse: body centre, heading, body length and how curled it is (0 straight, 1 nose at tail base). */
    private static final class Mouse {
        double x;
        double y;
        double heading;
        final double length;
        double curl;

        Mouse(double x, double y, double heading, double length) {
            this.x = x;
            this.y = y;
            this.heading = heading;
            this.length = length;
        }

        void wander(double speed, SplittableRandom rng) {
            heading += 0.15 * rng.nextGaussian();
            move(speed * (0.5 + rng.nextDouble()));
        }

        void steer(double tx, double ty, double speed, double turn) {
            turnTowards(Math.atan2(ty - y, tx - x), turn);
            move(Math.min(speed, Math.hypot(tx - x, ty - y)));
        }

        void holdNose(double tx, double ty, double gain, SplittableRandom rng) {
            turnTowards(Math.atan2(ty - y, tx - x), gain);
            double[] nose = part(0);
            double dx = tx - nose[0];
            double dy = ty - nose[1];
            x += gain * dx + 0.5 * rng.nextGaussian();
            y += gain * dy + 0.5 * rng.nextGaussian();
        }

        void flee(Mouse from, double speed, SplittableRandom rng) {
            turnTowards(Math.atan2(y - from.y, x - from.x) + 0.5 * rng.nextGaussian(), 0.4);
            move(speed);
        }

        void follow(double tx, double ty, double th, double gain) {
            x += gain * (tx - x);
            y += gain * (ty - y);
            turnTowards(th, gain);
        }

        void curl(double delta) {
            curl = Math.max(0, Math.min(1, curl + delta));
        }

        void turnTowards(double target, double gain) {
            double d = Math.atan2(Math.sin(target - heading), Math.cos(target - heading));
            heading += gain * d;
        }

        void move(double distance) {
            x += distance * Math.cos(heading);
            y += distance * Math.sin(heading);
        }

        void keepInside() {
            double margin = length;
            if (x < margin || x > WIDTH - margin || y < margin || y > HEIGHT - margin) {
                turnTowards(Math.atan2(HEIGHT / 2 - y, WIDTH / 2 - x), 0.3);
                x = Math.max(margin / 2, Math.min(WIDTH - margin / 2, x));
                y = Math.max(margin / 2, Math.min(HEIGHT - margin / 2, y));
            }
        }

        /** Part {@code k} in CalMS21 order; a curled mouse bends its front half back towards its tail. */
        double[] part(int k) {
            double[] along = {0.5, 0.32, 0.32, 0.2, -0.2, -0.2, -0.5};
            double[] side = {0, 0.12, -0.12, 0, 0.15, -0.15, 0};
            double a = along[k];
            double h = heading + (a > 0 ? curl * Math.PI * 0.9 * a * 2 : 0);
            double reach = a > 0 ? a * (1 - 0.3 * curl) : a;
            double px = x + length * (reach * Math.cos(h) - side[k] * Math.sin(h));
            double py = y + length * (reach * Math.sin(h) + side[k] * Math.cos(h));
            return new double[] {px, py};
        }

        /** All seven parts as x0, y0, x1, y1, …. */
        double[] parts() {
            double[] out = new double[14];
            for (int k = 0; k < 7; k++) {
                double[] p = part(k);
                out[2 * k] = p[0];
                out[2 * k + 1] = p[1];
            }
            return out;
        }
    }

    /** Videos {@code id0 … id(n−1)} with seeds derived from {@code seed}. */
    public List<PoseVideo> videos(String prefix, int n, int frames, long seed) {
        List<PoseVideo> out = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            out.add(video(String.format("%s%03d", prefix, v), frames, seed * 1_000_003L + v));
        }
        return out;
    }
}
