package dev.augur.events;

import dev.augur.data.AtomicFiles;
import dev.augur.data.VideoWriter;
import dev.augur.train.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * An overhead view of a tank of fish to test the burst forecaster on, agent-based: self-propelled fish cruise
 * with a wandering heading and turn away from the walls; when two fish that are not cooling down come close,
 * one may start to stalk the other (it slows and turns towards it), then chases it in a burst of speed while
 * the other flees; both then cool down. The stalk is the precursor a forecaster can learn; the chase is the
 * burst the labels mark. The ground-truth speed of a fish is the distance it actually covered per second. Rendered as bright elongated bodies on a dark background with slow lighting drift and
 * sensor noise; written as a video plus ground-truth CSVs (per-fish tracks and chase intervals).
 *
 * <p>The parameters are fixed before any model is tuned ({@link Config#standard}).
 */
public final class FishTankSimulator {

    /**
     * @param fish        number of fish
     * @param width       frame width in pixels (the tank fills the frame)
     * @param height      frame height
     * @param fps         frames per second
     * @param cruiseSpeed px/s while cruising
     * @param chaseSpeed  px/s of the chaser during a burst
     * @param triggerDistance px between two fish below which a stalk may begin
     * @param stalkHazard probability per second that a close pair starts a stalk
     * @param stalkSeconds duration of the slow approach before the burst
     * @param chaseSeconds duration of the burst
     * @param cooldownSeconds time after a chase before either fish can be involved again
     * @param noise       standard deviation of per-pixel sensor noise
     * @param lightingDrift amplitude of the slow change in illumination
     */
    public record Config(int fish, int width, int height, double fps, double cruiseSpeed, double chaseSpeed,
                         double triggerDistance, double stalkHazard, double stalkSeconds, double chaseSeconds,
                         double cooldownSeconds, double noise, double lightingDrift) {
        public Config {
            if (fish < 2) {
                throw new IllegalArgumentException("a chase needs at least 2 fish, got " + fish);
            }
            if (width < 32 || height < 32 || !(fps > 0)) {
                throw new IllegalArgumentException("frame must be at least 32x32 and fps > 0");
            }
        }

        /** 6 fish in a 160×120 view at 30 fps; fixed before any model was trained. */
        public static Config standard() {
            return new Config(6, 160, 120, 30, 18, 110, 22, 0.6, 0.8, 0.7, 4.0, 0.005, 0.04);
        }
    }

    /** A chase: frames [start, end) of the burst, after a stalk starting at {@code stalkStart}. */
    public record Chase(int stalkStart, int start, int end, int chaser, int target) {}

    /** Ground truth of one simulated recording. */
    public record Truth(double[] groupSpeed, List<Chase> chases, int frames) {
        /**
         * Pearson r of a motion-energy series with the group's mean speed: energy[t] spans frames t and t+1, so it
         * pairs with the speed recorded at frame t+1 (the distance covered in between).
         */
        public double energyCorrelation(double[] energy) {
            int n = Math.min(energy.length, groupSpeed.length - 1);
            return dev.augur.eval.Correlation.pearson(java.util.Arrays.copyOf(energy, n),
                    java.util.Arrays.copyOfRange(groupSpeed, 1, n + 1));
        }
    }

    private enum State { CRUISE, STALK, CHASE, FLEE, COOL }

    private static final class Fish {
        double x;
        double y;
        double heading;
        double speed;
        State state = State.CRUISE;
        double timer;
        int partner = -1;
        double moved; // px/s actually covered in the last step: the ground-truth speed
    }

    private final Config config;
    private final long seed;

    public FishTankSimulator(Config config, long seed) {
        this.config = config;
        this.seed = seed;
    }

    /** Simulates {@code seconds} of video into {@code video} (.mp4/.avi/.webm/.mkv) and ground truth beside it. */
    public Truth simulate(double seconds, Path video) throws IOException {
        return simulate(seconds, video, ProgressListener.SILENT);
    }

    /** As {@link #simulate(double, Path)}, reporting frames written as steps (loss NaN) to {@code progress}. */
    public Truth simulate(double seconds, Path video, ProgressListener progress) throws IOException {
        int frames = (int) Math.round(seconds * config.fps());
        progress.started(0, frames);
        SplittableRandom rng = new SplittableRandom(seed);
        SplittableRandom noise = rng.split();
        Fish[] fish = spawn(rng);
        double dt = 1 / config.fps();
        double[] groupSpeed = new double[frames];
        List<Chase> chases = new ArrayList<>();
        int[] stalkStarted = new int[fish.length];
        StringBuilder tracks = new StringBuilder("frame,time,fish,x,y,heading,speed,state\n");
        float[] image = new float[config.width() * config.height()];
        try (VideoWriter out = VideoWriter.open(video, config.width(), config.height(), config.fps())) {
            for (int f = 0; f < frames; f++) {
                double speedSum = 0;
                for (int i = 0; i < fish.length; i++) {
                    Fish a = fish[i];
                    speedSum += a.moved;
                    tracks.append(String.format(Locale.ROOT, "%d,%.4f,%d,%.2f,%.2f,%.4f,%.2f,%s%n", f, f * dt, i,
                            a.x, a.y, a.heading, a.moved, a.state.name().toLowerCase(Locale.ROOT)));
                }
                groupSpeed[f] = speedSum / fish.length;
                render(fish, f * dt, noise, image);
                out.write(image);
                step(fish, rng, dt, f, stalkStarted, chases);
                if ((f + 1) % 30 == 0 || f + 1 == frames) {
                    progress.stepped(f + 1, frames, Float.NaN);
                }
            }
        }
        progress.finished();
        AtomicFiles.writeString(sibling(video, "tracks.csv"), tracks.toString());
        StringBuilder c = new StringBuilder("stalk_start_frame,start_frame,end_frame,chaser,target\n");
        for (Chase ch : chases) {
            c.append(ch.stalkStart()).append(',').append(ch.start()).append(',').append(ch.end()).append(',')
                    .append(ch.chaser()).append(',').append(ch.target()).append('\n');
        }
        AtomicFiles.writeString(sibling(video, "chases.csv"), c.toString());
        return new Truth(groupSpeed, chases, frames);
    }

    static Path sibling(Path video, String suffix) {
        String name = video.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return video.resolveSibling(stem + "." + suffix);
    }

    private Fish[] spawn(SplittableRandom rng) {
        Fish[] fish = new Fish[config.fish()];
        for (int i = 0; i < fish.length; i++) {
            Fish a = new Fish();
            a.x = 15 + rng.nextDouble() * (config.width() - 30);
            a.y = 15 + rng.nextDouble() * (config.height() - 30);
            a.heading = rng.nextDouble() * 2 * Math.PI;
            a.speed = config.cruiseSpeed();
            fish[i] = a;
        }
        return fish;
    }

    private void step(Fish[] fish, SplittableRandom rng, double dt, int frame, int[] stalkStarted, List<Chase> chases) {
        for (int i = 0; i < fish.length; i++) {
            Fish a = fish[i];
            a.timer -= dt;
            switch (a.state) {
                case STALK -> {
                    Fish t = fish[a.partner];
                    turnTowards(a, Math.atan2(t.y - a.y, t.x - a.x), 4 * dt);
                    a.speed = 0.35 * config.cruiseSpeed();
                    if (a.timer <= 0) {
                        a.state = State.CHASE;
                        a.timer = config.chaseSeconds();
                        t.state = State.FLEE;
                        t.timer = config.chaseSeconds();
                        t.partner = i;
                        chases.add(new Chase(stalkStarted[i], frame + 1,
                                frame + 1 + (int) Math.round(config.chaseSeconds() * config.fps()), i, a.partner));
                    }
                }
                case CHASE -> {
                    Fish t = fish[a.partner];
                    turnTowards(a, Math.atan2(t.y - a.y, t.x - a.x), 6 * dt);
                    a.speed = config.chaseSpeed();
                    if (a.timer <= 0) {
                        cool(a);
                    }
                }
                case FLEE -> {
                    Fish c = fish[a.partner];
                    turnTowards(a, Math.atan2(a.y - c.y, a.x - c.x), 5 * dt);
                    a.speed = 0.9 * config.chaseSpeed();
                    if (a.timer <= 0) {
                        cool(a);
                    }
                }
                case COOL, CRUISE -> {
                    a.heading += rng.nextGaussian() * 0.6 * Math.sqrt(dt);
                    a.speed += (config.cruiseSpeed() - a.speed) * Math.min(1, 3 * dt)
                            + rng.nextGaussian() * 0.5 * config.cruiseSpeed() * Math.sqrt(dt);
                    a.speed = Math.max(0.3 * config.cruiseSpeed(), a.speed);
                    if (a.state == State.COOL && a.timer <= 0) {
                        a.state = State.CRUISE;
                        a.partner = -1;
                    }
                }
            }
            avoidWalls(a, dt);
        }
        startStalks(fish, rng, dt, frame, stalkStarted);
        for (Fish a : fish) {
            double nx = a.x + Math.cos(a.heading) * a.speed * dt;
            double ny = a.y + Math.sin(a.heading) * a.speed * dt;
            // a fish that reaches the glass turns back along it rather than swimming on the spot
            if (nx < 3 || nx > config.width() - 4) {
                a.heading = Math.PI - a.heading;
                nx = clamp(nx, 3, config.width() - 4);
            }
            if (ny < 3 || ny > config.height() - 4) {
                a.heading = -a.heading;
                ny = clamp(ny, 3, config.height() - 4);
            }
            a.moved = Math.hypot(nx - a.x, ny - a.y) / dt;
            a.x = nx;
            a.y = ny;
        }
    }

    private void startStalks(Fish[] fish, SplittableRandom rng, double dt, int frame, int[] stalkStarted) {
        for (int i = 0; i < fish.length; i++) {
            for (int j = 0; j < fish.length; j++) {
                Fish a = fish[i];
                Fish b = fish[j];
                if (i == j || a.state != State.CRUISE || b.state != State.CRUISE) {
                    continue;
                }
                double d = Math.hypot(a.x - b.x, a.y - b.y);
                if (d < config.triggerDistance() && rng.nextDouble() < config.stalkHazard() * dt) {
                    a.state = State.STALK;
                    a.partner = j;
                    a.timer = config.stalkSeconds() * (0.7 + 0.6 * rng.nextDouble());
                    b.state = State.COOL; // the target keeps cruising but cannot start its own stalk
                    b.timer = a.timer + config.chaseSeconds();
                    stalkStarted[i] = frame;
                }
            }
        }
    }

    private void cool(Fish a) {
        a.state = State.COOL;
        a.timer = config.cooldownSeconds();
    }

    private void avoidWalls(Fish a, double dt) {
        double margin = 14;
        double cx = config.width() / 2.0;
        double cy = config.height() / 2.0;
        if (a.x < margin || a.x > config.width() - margin || a.y < margin || a.y > config.height() - margin) {
            turnTowards(a, Math.atan2(cy - a.y, cx - a.x), 5 * dt);
        }
    }

    private static void turnTowards(Fish a, double target, double maxTurn) {
        double diff = Math.atan2(Math.sin(target - a.heading), Math.cos(target - a.heading));
        a.heading += Math.max(-maxTurn, Math.min(maxTurn, diff));
    }

    private void render(Fish[] fish, double time, SplittableRandom noise, float[] image) {
        int w = config.width();
        int h = config.height();
        double light = 1 + config.lightingDrift() * Math.sin(2 * Math.PI * time / 47.0);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double vignette = 1 - 0.25 * (((x - w / 2.0) / w) * ((x - w / 2.0) / w) + ((y - h / 2.0) / h) * ((y - h / 2.0) / h)) * 4;
                image[y * w + x] = (float) (0.08 * light * vignette);
            }
        }
        for (Fish a : fish) {
            drawBody(image, a, light);
        }
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) Math.max(0, Math.min(1, image[i] + noise.nextGaussian() * config.noise()));
        }
    }

    /** An ellipse 9 px long and 3.5 px wide along the heading, with a dimmer tail. */
    private void drawBody(float[] image, Fish a, double light) {
        int w = config.width();
        int h = config.height();
        double c = Math.cos(a.heading);
        double s = Math.sin(a.heading);
        for (int y = (int) a.y - 8; y <= (int) a.y + 8; y++) {
            for (int x = (int) a.x - 8; x <= (int) a.x + 8; x++) {
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                double dx = x + 0.5 - a.x;
                double dy = y + 0.5 - a.y;
                double along = dx * c + dy * s;
                double across = -dx * s + dy * c;
                double body = (along / 4.5) * (along / 4.5) + (across / 1.75) * (across / 1.75);
                double value = 0;
                if (body <= 1.4) { // soft edge, so sub-pixel motion changes the image smoothly
                    value = 0.75 * light * (1 - 0.3 * Math.min(1, body)) * Math.min(1, (1.4 - body) / 0.6);
                } else if (along < -3 && along > -7.5 && Math.abs(across) < 0.6 + 0.25 * (-along - 3)) {
                    value = 0.4 * light;
                }
                image[y * w + x] = (float) Math.max(image[y * w + x], value);
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
