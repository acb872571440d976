package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.eval.FrameMetrics;
import dev.augur.eval.SeedSpread;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.TranslatorLayout;
import dev.augur.report.LineChart;
import dev.augur.train.ProgressListener;
import dev.augur.train.ScheduledSampling;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The equal-time study: every entrant trains for the same wall-clock budget, on the same machine and data, and is
 * scored on one fixed test set at evenly spaced points of its own training time (scoring stops the clock). The
 * question it answers is not which model wins after 2,000 GPU epochs but which is best after so long on this
 * machine. Each (entrant, seed) is a run folder of its own; a finished one is kept and skipped when the race is run
 * again, an unfinished one starts over (a time budget cannot be resumed fairly).
 */
public final class VideoRace {
    /** Steps nobody reaches: the budget ends the runs. */
    private static final int UNBOUNDED_STEPS = 100_000_000;

    /** One model of the race and its training settings (their step count is ignored: the budget rules). */
    public record Entrant(String name, ModelSpec spec, Function<Long, FramePredictionConfig> config) {}

    /**
     * @param budget        training time per run
     * @param evaluations   scores per run, at budget·i/evaluations
     * @param testSequences size of the fixed test set
     */
    public record Settings(Duration budget, int evaluations, int testSequences, List<Long> seeds) {
        public Settings {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("the budget must be positive, got " + budget);
            }
            if (evaluations < 1 || testSequences < 1 || seeds.isEmpty()) {
                throw new IllegalArgumentException("need at least one evaluation, test sequence and seed");
            }
            seeds = List.copyOf(seeds);
        }
    }

    /** One score: MSE and SSIM per frame (means over the K future frames) after {@code seconds} of training. */
    public record Point(String model, long seed, double seconds, long steps, double mse, double ssim) {
        String csv() {
            return String.format(Locale.ROOT, "%s,%d,%.1f,%d,%.4f,%.5f", model, seed, seconds, steps, mse, ssim);
        }

        static Point parse(String line) {
            String[] f = line.split(",", -1);
            return new Point(
                    f[0],
                    Long.parseLong(f[1]),
                    Double.parseDouble(f[2]),
                    Long.parseLong(f[3]),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]));
        }
    }

    private static final String HEADER = "model,seed,seconds,steps,mse,ssim";

    private final VideoData data;
    private final List<Entrant> entrants;
    private final Settings settings;
    private final Path out;
    private final PrintStream log;

    public VideoRace(VideoData data, List<Entrant> entrants, Settings settings, Path out, PrintStream log) {
        if (entrants.isEmpty()) {
            throw new IllegalArgumentException("a race needs at least one entrant");
        }
        this.data = data;
        this.entrants = List.copyOf(entrants);
        this.settings = settings;
        this.out = out;
        this.log = log;
    }

    /**
     * The project's race line-up at J input and K future frames of {@code channels}×{@code size}² frames: the
     * recurrent models in the configuration of the Moving MNIST benchmark (two layers of 32, filter 3, patch 4,
     * L1+L2, predrnn-pytorch's scheduled sampling), SimVP and TAU at half OpenSTL's Moving MNIST widths (32, 256;
     * N_S 4, N_T 4, MLP ratio 4; patch 1, MSE, TAU + its regularisation). Batch 8, Adam 1e-3, no clipping.
     */
    public static List<Entrant> lineUp(List<String> models, int channels, int size, int inputLength, int future) {
        List<Entrant> all = new ArrayList<>();
        for (String m : models) {
            boolean translator = m.equals("simvp") || m.equals("tau");
            ModelSpec spec = translator
                    ? new ModelSpec(
                            m,
                            channels,
                            size,
                            size,
                            1,
                            List.of(32, 256),
                            3,
                            false,
                            false,
                            false,
                            inputLength,
                            new TranslatorLayout(4, 4, 4))
                    : new ModelSpec(
                            m,
                            channels,
                            size,
                            size,
                            4,
                            List.of(32, 32),
                            3,
                            false,
                            false,
                            !m.equals("convlstm") && !m.equals("memory_flow"),
                            inputLength);
            String loss = translator ? (m.equals("tau") ? "l2+ddr" : "l2") : "l1l2";
            all.add(new Entrant(
                    m,
                    spec,
                    seed -> new FramePredictionConfig(
                            UNBOUNDED_STEPS,
                            8,
                            inputLength + future,
                            1e-3,
                            loss,
                            0,
                            ScheduledSampling.linear(1.0, 2e-5),
                            false,
                            seed,
                            UNBOUNDED_STEPS)));
        }
        return all;
    }

    /** Runs (or reads back) every entrant under every seed; writes race.csv, race.md and the two charts. */
    public List<Point> run(int future) throws IOException {
        Files.createDirectories(out);
        int context =
                entrants.stream().mapToInt(e -> e.spec().inputLength()).max().orElseThrow();
        Clips test = data.source().testSet(settings.testSequences(), context + future);
        List<Point> points = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            FrameMetrics.Summary copy = VideoEvaluation.evaluate(List.of(), test, context, future, manager)
                    .get(0);
            points.add(point(VideoEvaluation.COPY_LAST_FRAME, 0, 0, 0, copy));
            for (long seed : settings.seeds()) {
                for (Entrant e : entrants) {
                    points.addAll(race(e, seed, test, context, future, manager));
                }
            }
        }
        write(points);
        return points;
    }

    private List<Point> race(Entrant e, long seed, Clips test, int context, int future, NDManager manager)
            throws IOException {
        Path dir = out.resolve(e.name() + "-seed" + seed);
        Path curve = dir.resolve("points.csv");
        if (Files.isRegularFile(dir.resolve("model/model.json")) && Files.isRegularFile(curve)) {
            log.printf("%s, seed %d: finished before, kept%n", e.name(), seed);
            return Files.readAllLines(curve).stream().skip(1).map(Point::parse).toList();
        }
        if (Files.exists(dir)) {
            AtomicFiles.deleteTree(dir);
        }
        List<Point> points = new ArrayList<>();
        long budget = settings.budget().toNanos();
        long[] clock = {0, System.nanoTime()}; // training nanoseconds so far, when the clock last started
        int[] done = {0};
        VideoTraining training = new VideoTraining(
                        data.withSeed(seed), e.spec(), e.config().apply(seed), dir, ProgressListener.SILENT)
                .afterStep((step, model) -> {
                    clock[0] += System.nanoTime() - clock[1];
                    long due = budget * (done[0] + 1) / settings.evaluations();
                    if (clock[0] >= due) {
                        done[0]++;
                        FrameMetrics.Summary s = VideoEvaluation.evaluate(
                                        List.of(new VideoEvaluation.Candidate(e.name(), model)),
                                        test,
                                        context,
                                        future,
                                        manager)
                                .get(1);
                        Point p = point(e.name(), seed, clock[0] / 1e9, step, s);
                        points.add(p);
                        log.printf(
                                Locale.ROOT,
                                "%s, seed %d: %s of training, %d steps: MSE/frame %.2f, SSIM %.4f%n",
                                e.name(),
                                seed,
                                LineChart.clock(p.seconds()),
                                step,
                                p.mse(),
                                p.ssim());
                        writeCsv(curve, points);
                    }
                    clock[1] = System.nanoTime();
                    return done[0] < settings.evaluations();
                });
        training.run(false);
        return points;
    }

    private static Point point(String model, long seed, double seconds, long steps, FrameMetrics.Summary s) {
        return new Point(model, seed, seconds, steps, s.mse().mean(), s.ssim().mean());
    }

    private static void writeCsv(Path file, List<Point> points) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        points.forEach(p -> b.append(p.csv()).append('\n'));
        AtomicFiles.writeString(file, b.toString());
    }

    private void write(List<Point> points) throws IOException {
        writeCsv(out.resolve("race.csv"), points);
        LineChart mse = new LineChart("MSE per frame against training time", "training time", "MSE per frame", 720, 420)
                .clockXAxis();
        LineChart ssim = new LineChart("SSIM against training time", "training time", "SSIM", 720, 420).clockXAxis();
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        for (Point p : points) {
            if (!p.model().equals(VideoEvaluation.COPY_LAST_FRAME)) {
                // one colour per model, every seed's points in it: a legend of models, not of model-seed pairs
                curves.computeIfAbsent(p.model(), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<Point>> c : curves.entrySet()) {
            double[] x = c.getValue().stream().mapToDouble(Point::seconds).toArray();
            mse.add(new LineChart.Series(
                    c.getKey(), x, c.getValue().stream().mapToDouble(Point::mse).toArray(), true));
            ssim.add(new LineChart.Series(
                    c.getKey(),
                    x,
                    c.getValue().stream().mapToDouble(Point::ssim).toArray(),
                    true));
        }
        mse.writePng(out.resolve("mse_vs_time.png"));
        ssim.writePng(out.resolve("ssim_vs_time.png"));
        AtomicFiles.writeString(out.resolve("race.md"), table(points));
    }

    /** The final row of every entrant: its last score under each seed, and mean ± sd over seeds. */
    String table(List<Point> points) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "Budget %s of training per run, %d test sequences, seeds %s.%n%n"
                        + "| model | steps (per seed) | MSE/frame (per seed) | MSE mean ± sd | SSIM mean ± sd |%n"
                        + "|---|---|---|---|---|%n",
                LineChart.clock((double) settings.budget().toSeconds()),
                settings.testSequences(),
                settings.seeds()));
        for (Entrant e : entrants) {
            List<Point> last = new ArrayList<>();
            for (long seed : settings.seeds()) {
                points.stream()
                        .filter(p -> p.model().equals(e.name()) && p.seed() == seed)
                        .reduce((a, c) -> c)
                        .ifPresent(last::add);
            }
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s |%n",
                    e.spec().kind().displayName(),
                    String.join(
                            ", ",
                            last.stream().map(p -> Long.toString(p.steps())).toList()),
                    String.join(
                            ", ",
                            last.stream()
                                    .map(p -> String.format(Locale.ROOT, "%.1f", p.mse()))
                                    .toList()),
                    meanSd(last.stream().mapToDouble(Point::mse).toArray(), "%.1f"),
                    meanSd(last.stream().mapToDouble(Point::ssim).toArray(), "%.3f")));
        }
        Point copy = points.get(0);
        b.append(String.format(
                Locale.ROOT, "| copy last frame | - | %.1f | %.1f | %.3f |%n", copy.mse(), copy.mse(), copy.ssim()));
        return b.toString();
    }

    private static String meanSd(double[] v, String format) {
        SeedSpread spread = SeedSpread.of(v);
        return v.length < 2
                ? String.format(Locale.ROOT, format + " (one seed)", spread.mean())
                : String.format(Locale.ROOT, format + " ± " + format, spread.mean(), spread.sd());
    }
}
