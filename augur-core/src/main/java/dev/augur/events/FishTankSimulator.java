package dev.augur.events;

import dev.augur.data.VideoWriter;
import dev.augur.eval.Correlation;
import dev.augur.io.AtomicFiles;
import dev.augur.train.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An overhead view of a tank of fish to test the burst forecaster on, agent-based and calibrated to seed 000's real
 * recording (the statistics of ../shared/data/fish-lin2021/README.md; {@link RecordingStatistics}). Fish swim in
 * bouts (burst-and-coast, as tetras do): kicks of speed at random times, each followed by a glide that decays with
 * {@code coastSeconds}; how active the group is drifts slowly ({@code activitySeconds}). As the seed describes real
 * chases, one fish starts to chase another when the two come too close (within {@code triggerDistance}, at
 * {@code chaseHazard} per second) — no built-in precursor: whatever announces a chase must come from where the fish
 * are, which motion energy does not see. The chaser bursts at {@code chaseSpeed} while the other flees; both then
 * cool down. Rendered as the seed's frames look after its preprocessing (fish bright on black, background removed),
 * written as a video plus ground-truth CSVs (per-fish tracks and chase intervals). The ground-truth speed of a fish
 * is the distance it actually covered per second.
 */
public final class FishTankSimulator {

    /**
     * @param fish            number of fish
     * @param width           frame width in pixels (the tank fills the frame)
     * @param height          frame height
     * @param fps             frames per second
     * @param cruiseSpeed     mean px/s of bout-and-coast swimming
     * @param boutRate        bouts per second per fish
     * @param coastSeconds    time constant of the glide after a bout
     * @param activitySeconds time constant of the slow drift in the group's activity
     * @param activitySpread  standard deviation of that drift (log scale)
     * @param chaseSpeed      px/s of the chaser during a chase
     * @param triggerDistance px between two fish below which a chase may begin
     * @param chaseHazard     chases per second started by a pair closer than the trigger distance
     * @param chaseSeconds    mean duration of a chase
     * @param cooldownSeconds time after a chase before either fish can be involved again
     * @param noise           standard deviation of per-pixel sensor noise (what the background removal left)
     * @param brightness      brightness of a fish's body
     * @param strokeJitter    frame-to-frame unevenness of a fish's displacement (tail beats within a bout), as a
     *                        fraction of its speed
     */
    public record Config(
            int fish,
            int width,
            int height,
            double fps,
            double cruiseSpeed,
            double boutRate,
            double coastSeconds,
            double activitySeconds,
            double activitySpread,
            double chaseSpeed,
            double triggerDistance,
            double chaseHazard,
            double chaseSeconds,
            double cooldownSeconds,
            double noise,
            double brightness,
            double strokeJitter) {
        public Config {
            if (fish < 2 || fish > 1000) {
                throw new IllegalArgumentException("fish must be in [2, 1000] (a chase needs 2), got " + fish);
            }
            if (width < 32 || height < 32 || !(fps > 0)) {
                throw new IllegalArgumentException("frame must be at least 32x32 and fps > 0");
            }
            if (!(cruiseSpeed > 0)
                    || !(boutRate > 0)
                    || !(coastSeconds > 0)
                    || !(activitySeconds > 0)
                    || !(chaseSpeed > 0)
                    || !(chaseSeconds > 0)
                    || chaseHazard < 0
                    || cooldownSeconds < 0
                    || activitySpread < 0
                    || noise < 0
                    || !(brightness > 0)
                    || strokeJitter < 0) {
                throw new IllegalArgumentException("simulator speeds, rates and durations must be positive");
            }
        }

        /**
         * 6 fish in a 160×120 view at 30 fps, calibrated so that the motion energy and the seed's labels (its rule
         * as published, not refit) have the statistics of seed 000's real training block, within 20% (ACF ±0.05), in
         * a lossless recording (.mkv); a lossy codec adds its own noise to the motion energy (BENCHMARKS.md: "A
         * simulator that looks like the real tank").
         */
        public static Config standard() {
            return new Config(6, 160, 120, 30, 20, 2.0, 0.6, 5.6, 0.38, 55, 16, 0.8, 1.5, 2.0, 0, 0.8, 0.27);
        }

        /** The standard tank with another number of fish. */
        public Config withFish(int n) {
            return new Config(
                    n,
                    width,
                    height,
                    fps,
                    cruiseSpeed,
                    boutRate,
                    coastSeconds,
                    activitySeconds,
                    activitySpread,
                    chaseSpeed,
                    triggerDistance,
                    chaseHazard,
                    chaseSeconds,
                    cooldownSeconds,
                    noise,
                    brightness,
                    strokeJitter);
        }
    }

    /** A chase: frames [start, end) of the burst. */
    public record Chase(int start, int end, int chaser, int target) {}

    /** Ground truth of one simulated recording. */
    public record Truth(double[] groupSpeed, List<Chase> chases, int frames) {
        /**
         * Pearson r of a motion-energy series with the group's mean speed: energy[t] spans frames t and t+1, so it
         * pairs with the speed recorded at frame t+1 (the distance covered in between).
         */
        public double energyCorrelation(double[] energy) {
            int n = Math.min(energy.length, groupSpeed.length - 1);
            return Correlation.pearson(Arrays.copyOf(energy, n), Arrays.copyOfRange(groupSpeed, 1, n + 1));
        }
    }

    private enum State {
        CRUISE,
        CHASE,
        FLEE,
        COOL
    }

    private static final class Fish {
        double x;
        double y;
        double heading;
        double speed;
        State state = State.CRUISE;
        double timer;
        int partner = -1;
        double activity; // log of this fish's slowly drifting activity
        double turn; // rad/s: a bout turns the fish, the glide straightens it
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
        StringBuilder tracks = new StringBuilder("frame,time,fish,x,y,heading,speed,state\n");
        float[] image = new float[config.width() * config.height()];
        try (VideoWriter out = VideoWriter.open(video, config.width(), config.height(), config.fps())) {
            for (int f = 0; f < frames; f++) {
                double speedSum = 0;
                for (int i = 0; i < fish.length; i++) {
                    Fish a = fish[i];
                    speedSum += a.moved;
                    tracks.append(String.format(
                            Locale.ROOT,
                            "%d,%.4f,%d,%.2f,%.2f,%.4f,%.2f,%s%n",
                            f,
                            f * dt,
                            i,
                            a.x,
                            a.y,
                            a.heading,
                            a.moved,
                            a.state.name().toLowerCase(Locale.ROOT)));
                }
                groupSpeed[f] = speedSum / fish.length;
                render(fish, noise, image);
                out.write(image);
                step(fish, rng, dt, f, chases);
                if ((f + 1) % 30 == 0 || f + 1 == frames) {
                    progress.stepped(f + 1, frames, Float.NaN);
                }
            }
        }
        progress.finished();
        AtomicFiles.writeString(sibling(video, "tracks.csv"), tracks.toString());
        StringBuilder c = new StringBuilder("start_frame,end_frame,chaser,target\n");
        for (Chase ch : chases) {
            c.append(ch.start())
                    .append(',')
                    .append(ch.end())
                    .append(',')
                    .append(ch.chaser())
                    .append(',')
                    .append(ch.target())
                    .append('\n');
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

    private void step(Fish[] fish, SplittableRandom rng, double dt, int frame, List<Chase> chases) {
        // the group's activity drifts slowly (an Ornstein–Uhlenbeck process on its log), shared by all fish
        double decay = Math.exp(-dt / config.activitySeconds());
        double shared =
                fish[0].activity * decay + config.activitySpread() * Math.sqrt(1 - decay * decay) * rng.nextGaussian();
        for (Fish a : fish) {
            a.activity = shared;
        }
        double glide = Math.exp(-dt / config.coastSeconds());
        double kick = config.cruiseSpeed() / (config.boutRate() * config.coastSeconds());
        for (Fish a : fish) {
            a.timer -= dt;
            switch (a.state) {
                case CHASE -> {
                    Fish t = fish[a.partner];
                    turnTowards(a, Math.atan2(t.y - a.y, t.x - a.x), 6 * dt);
                    a.speed += (config.chaseSpeed() - a.speed) * Math.min(1, 8 * dt);
                    if (a.timer <= 0) {
                        cool(a);
                    }
                }
                case FLEE -> {
                    Fish c = fish[a.partner];
                    turnTowards(a, Math.atan2(a.y - c.y, a.x - c.x), 5 * dt);
                    a.speed += (0.8 * config.chaseSpeed() - a.speed) * Math.min(1, 8 * dt);
                    if (a.timer <= 0) {
                        cool(a);
                    }
                }
                case COOL, CRUISE -> {
                    // burst and coast: a kick of speed at random times, then a glide
                    a.speed *= glide;
                    a.turn *= glide;
                    if (rng.nextDouble() < config.boutRate() * Math.exp(a.activity) * dt) {
                        a.speed += kick * -Math.log(1 - rng.nextDouble());
                        a.turn += rng.nextGaussian() * 0.6 / config.coastSeconds();
                    }
                    a.heading += a.turn * dt;
                    if (a.state == State.COOL && a.timer <= 0) {
                        a.state = State.CRUISE;
                        a.partner = -1;
                    }
                }
            }
            avoidWalls(a, dt);
        }
        startChases(fish, rng, dt, frame, chases);
        for (Fish a : fish) {
            double stride = a.speed * dt * Math.max(0, 1 + config.strokeJitter() * rng.nextGaussian());
            double nx = a.x + Math.cos(a.heading) * stride;
            double ny = a.y + Math.sin(a.heading) * stride;
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

    /** Two cruising fish closer than the trigger distance: one may turn on the other and chase it. */
    private void startChases(Fish[] fish, SplittableRandom rng, double dt, int frame, List<Chase> chases) {
        double cell = config.triggerDistance();
        Map<Long, List<Integer>> grid = new HashMap<>();
        for (int i = 0; i < fish.length; i++) {
            grid.computeIfAbsent(cellOf(fish[i], cell, 0, 0), k -> new ArrayList<>())
                    .add(i);
        }
        for (int i = 0; i < fish.length; i++) {
            Fish a = fish[i];
            for (int dx = -1; dx <= 1 && a.state == State.CRUISE; dx++) {
                for (int dy = -1; dy <= 1 && a.state == State.CRUISE; dy++) {
                    for (int j : grid.getOrDefault(cellOf(a, cell, dx, dy), List.of())) {
                        Fish b = fish[j];
                        if (j == i
                                || a.state != State.CRUISE
                                || b.state != State.CRUISE
                                || Math.hypot(a.x - b.x, a.y - b.y) >= config.triggerDistance()
                                || rng.nextDouble() >= config.chaseHazard() * dt) {
                            continue;
                        }
                        double length = config.chaseSeconds() * (0.5 + rng.nextDouble());
                        a.state = State.CHASE;
                        a.partner = j;
                        a.timer = length;
                        b.state = State.FLEE;
                        b.partner = i;
                        b.timer = length;
                        chases.add(new Chase(frame + 1, frame + 1 + (int) Math.round(length * config.fps()), i, j));
                    }
                }
            }
        }
    }

    /** The key of the grid cell (of side {@code cell}) next to a fish's by (dx, dy): only neighbours can be close. */
    private static long cellOf(Fish a, double cell, int dx, int dy) {
        long cx = (long) Math.floor(a.x / cell) + dx;
        long cy = (long) Math.floor(a.y / cell) + dy;
        return cx * 1_000_003L + cy;
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

    /** Black background (the seed's frames after background removal), bright fish, a little sensor noise. */
    private void render(Fish[] fish, SplittableRandom noise, float[] image) {
        Arrays.fill(image, 0f);
        for (Fish a : fish) {
            drawBody(image, a);
        }
        if (config.noise() > 0) {
            for (int i = 0; i < image.length; i++) {
                image[i] = (float) Math.max(0, Math.min(1, image[i] + noise.nextGaussian() * config.noise()));
            }
        }
    }

    /** A slender body 13 px long and 2.4 px wide along the heading, brightest at the head, with soft edges. */
    private void drawBody(float[] image, Fish a) {
        int w = config.width();
        int h = config.height();
        double c = Math.cos(a.heading);
        double s = Math.sin(a.heading);
        for (int y = (int) a.y - 9; y <= (int) a.y + 9; y++) {
            for (int x = (int) a.x - 9; x <= (int) a.x + 9; x++) {
                if (x < 0 || y < 0 || x >= w || y >= h) {
                    continue;
                }
                double dx = x + 0.5 - a.x;
                double dy = y + 0.5 - a.y;
                double along = dx * c + dy * s;
                double across = -dx * s + dy * c;
                double body = (along / 6.5) * (along / 6.5) + (across / 1.2) * (across / 1.2);
                if (body <= 1.5) { // soft edge, so sub-pixel motion changes the image smoothly
                    double value =
                            config.brightness() * (0.65 + 0.35 * (along + 6.5) / 13) * Math.min(1, (1.5 - body) / 0.7);
                    image[y * w + x] = (float) Math.max(image[y * w + x], value);
                }
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
