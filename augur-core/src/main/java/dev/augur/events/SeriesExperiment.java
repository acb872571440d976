package dev.augur.events;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.data.FeatureScaler;
import dev.augur.data.RecordingFiles;
import dev.augur.data.RecordingIdentity;
import dev.augur.data.RecordingSplit;
import dev.augur.eval.BinaryMetrics;
import dev.augur.eval.PlattScaling;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.LoopConfig;
import dev.augur.train.ModelBundle;
import dev.augur.train.ProgressListener;
import dev.augur.train.RunSettings;
import dev.augur.train.StopRequest;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Trains burst forecasters of per-frame series and chooses among them on the validation series only: every
 * candidate setting (architecture, window, width, learning rate) is trained, scored on the validation frames
 * every {@code evaluateEvery} steps, and keeps the weights of its best validation ROC-AUC (the number of steps is
 * chosen so too); the candidate with the best validation ROC-AUC becomes {@code out/model}. Its alert threshold
 * (Youden) and Platt calibration are fitted on the same validation frames. Nothing of a test series is read.
 * Layout: {@code out/candidates/<label>/} (checkpoint.npz, model/, selection.csv, done), {@code out/model/},
 * {@code out/selection.md}, and the validation comparison ({@code summary.md}, {@code metrics.json},
 * {@code scores.csv}, {@code report.html}). A killed run resumes with {@code resume}: finished candidates are kept.
 */
public final class SeriesExperiment {
    private SeriesExperiment() {}

    /**
     * @param architecture  {@code tcn_lstm} or {@code logistic}
     * @param window        motion-energy values (frames) the forecaster reads (seed 000: 4 s)
     * @param width         convolution channels and LSTM units ({@code tcn_lstm})
     * @param evaluateEvery steps between validation scorings (and checkpoints)
     */
    public record Settings(
            String architecture,
            int window,
            int width,
            int steps,
            int batchSize,
            double learningRate,
            long seed,
            int evaluateEvery) {
        public static final List<String> ARCHITECTURES = List.of("tcn_lstm", "logistic");

        public Settings {
            if (!ARCHITECTURES.contains(architecture)) {
                throw new IllegalArgumentException(
                        "unknown series forecaster '" + architecture + "', expected one of " + ARCHITECTURES);
            }
            if (window < 4 || width < 1 || steps < 1 || batchSize < 1 || evaluateEvery < 1) {
                throw new IllegalArgumentException(
                        "window must be >= 4 and width, steps, batch size and evaluation" + " interval >= 1, got "
                                + window + ", " + width + ", " + steps + ", " + batchSize + ", " + evaluateEvery);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
            }
        }

        /**
         * The grid {@code bursts train --series} tries by default and {@code demo real-fish} runs: chosen from the
         * larger grids in BENCHMARKS.md (window, width, learning rate and batch barely moved validation ROC-AUC).
         */
        public static List<Settings> demoGrid(int steps, long seed) {
            return List.of(
                    new Settings("tcn_lstm", 119, 32, steps, 64, 1e-3, seed, 250),
                    new Settings("logistic", 119, 1, steps, 64, 3e-3, seed, 250));
        }

        /** The candidate's folder name. */
        public String label() {
            return String.format(
                    Locale.ROOT,
                    "%s-w%d-u%d-lr%s-seed%d",
                    architecture,
                    window,
                    width,
                    Double.toString(learningRate),
                    seed);
        }

        public String displayName() {
            return architecture.equals("logistic") ? "logistic regression" : "TCN-LSTM";
        }

        SequenceClassifier.Spec spec(int features) {
            return new SequenceClassifier.Spec(architecture, features, 1, window, width, 0);
        }
    }

    /** One trained candidate: the step it kept and its validation ROC-AUC there. */
    public record Candidate(Settings settings, long bestStep, double validationAuc, double seconds) {}

    /** The trained candidates and the choice; a stopped run has no choice yet ({@code chosen} null). */
    public record Result(List<Candidate> candidates, Candidate chosen, ForecastComparison.Result validation) {
        public boolean stopped() {
            return chosen == null;
        }
    }

    /** What the bundle records about its data. */
    public record DataInfo(List<String> training, String validation, int validationFrames) {}

    public static Result run(
            List<BurstSeries> training,
            BurstSeries validation,
            List<Settings> grid,
            Path out,
            boolean resume,
            Function<String, ProgressListener> progress)
            throws IOException {
        return run(training, validation, grid, out, resume, progress, StopRequest.never());
    }

    /**
     * As above; when {@code stop} is requested the candidate in training stops after its current step with a
     * checkpoint, no later candidate starts, and nothing is chosen: the same command with resume continues.
     */
    public static Result run(
            List<BurstSeries> training,
            BurstSeries validation,
            List<Settings> grid,
            Path out,
            boolean resume,
            Function<String, ProgressListener> progress,
            StopRequest stop)
            throws IOException {
        if (training.isEmpty() || grid.isEmpty()) {
            throw new IllegalArgumentException("need at least one training series and one candidate setting");
        }
        List<String> inputs = training.get(0).inputNames();
        for (BurstSeries s : training) {
            requireInputs(s, inputs);
        }
        requireInputs(validation, inputs);
        FeatureScaler scaler = SeriesWindows.fitScaler(training);
        int maxWindow = grid.stream().mapToInt(Settings::window).max().orElseThrow();
        int[] frames = selectionFrames(validation, maxWindow);
        Files.createDirectories(out);
        List<Candidate> done = new ArrayList<>();
        for (Settings s : grid) {
            Candidate c = new CandidateRun(
                            s,
                            training,
                            validation,
                            inputs,
                            scaler,
                            frames,
                            out.resolve("candidates").resolve(s.label()))
                    .run(resume, progress.apply(s.label()), stop);
            if (c == null) {
                return new Result(done, null, null);
            }
            done.add(c);
        }
        Candidate chosen = done.stream()
                .max(Comparator.comparingDouble(Candidate::validationAuc))
                .orElseThrow();
        copyBundle(out.resolve("candidates").resolve(chosen.settings().label()).resolve("model"), out.resolve("model"));
        ForecastComparison.Result val = compareOnValidation(out, validation, chosen, done);
        String selection = selectionTable(done, chosen, frames.length);
        AtomicFiles.writeString(out.resolve("selection.md"), selection);
        AtomicFiles.writeString(
                out.resolve("summary.md"),
                "# Validation: " + validation.source() + "\n\n" + ForecastComparison.table(val) + "\n" + selection);
        return new Result(done, chosen, val);
    }

    private static void requireInputs(BurstSeries s, List<String> inputs) {
        if (!s.inputNames().equals(inputs)) {
            throw new IllegalArgumentException(s.source() + ": input columns " + s.inputNames()
                    + " differ from the first" + " training series' " + inputs);
        }
    }

    /** What a search's candidates are trained and chosen with. */
    record SeriesRun(List<Settings> grid, List<RecordingIdentity> training, List<RecordingIdentity> validation) {}

    /**
     * The same from files a user named (files, folders, globs, list files): training and validation recordings must
     * be different recordings ({@link RecordingSplit}); several validation recordings are judged together, joined
     * end to end with no scored window spanning two of them ({@link BurstSeries#joined}). Test recordings, if any,
     * are other recordings again, scored at the end by the saved model as {@code bursts test} scores them
     * ({@code out/test-recordings/}).
     */
    public static Result runOnFiles(
            List<String> training,
            List<String> validation,
            List<String> test,
            List<Settings> grid,
            Path out,
            boolean resume,
            Function<String, ProgressListener> progress,
            StopRequest stop)
            throws IOException {
        List<Path> t = RecordingFiles.resolve(training, Set.of(".csv"));
        List<Path> v = RecordingFiles.resolve(validation, Set.of(".csv"));
        Map<String, List<Path>> split = new LinkedHashMap<>();
        split.put("training", t);
        split.put("validation", v);
        split.put("test", test.isEmpty() ? List.of() : RecordingFiles.resolve(test, Set.of(".csv")));
        RecordingSplit.requireDisjoint(split);
        Files.createDirectories(out);
        // a resume continues the same search: the grid and the recordings its candidates are trained and chosen on
        RunSettings.record(
                out,
                new SeriesRun(grid, RecordingIdentity.of(t), RecordingIdentity.of(v)),
                resume && Files.isDirectory(out.resolve("candidates")),
                Set.of());
        List<BurstSeries> ts = new ArrayList<>();
        for (Path p : t) {
            ts.add(BurstSeries.read(p));
        }
        List<BurstSeries> vs = new ArrayList<>();
        for (Path p : v) {
            vs.add(BurstSeries.read(p));
        }
        int guard = grid.stream().mapToInt(Settings::window).max().orElse(0);
        Result r = run(ts, BurstSeries.joined(vs, guard), grid, out, resume, progress, stop);
        if (r.stopped()) {
            return r;
        }
        if (vs.size() > 1) {
            perValidationRecording(out, vs);
        }
        if (!split.get("test").isEmpty()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                BurstScoring.test(
                        out.resolve("model"),
                        split.get("test").stream().map(Path::toString).toList(),
                        List.of(),
                        Map.of(),
                        out.resolve("test-recordings"),
                        manager);
            }
        }
        return r;
    }

    /**
     * The chosen forecaster and the baseline on each validation recording alone, and pooled with intervals that
     * resample whole recordings ({@code out/validation-recordings/}: table, chart, report): a day the model forecasts
     * badly shows here, not only inside the joined number it was chosen on.
     */
    private static void perValidationRecording(Path out, List<BurstSeries> validation) throws IOException {
        boolean baseline =
                validation.stream().allMatch(v -> Arrays.stream(v.baseline()).anyMatch(Double::isFinite));
        double baselineThreshold = baselineThreshold(out.resolve("model"));
        List<PooledComparison.Recording> recordings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (BurstSeries v : validation) {
                List<ForecastComparison.Forecaster> fs = new ArrayList<>();
                fs.add(forecaster(out.resolve("model"), v, manager, null));
                if (baseline) {
                    fs.add(new ForecastComparison.Forecaster("seed 000 baseline", v.baseline(), baselineThreshold));
                }
                String name = Path.of(v.source()).getFileName().toString();
                recordings.add(new PooledComparison.Recording(names.add(name) ? name : v.source(), v, fs));
            }
        }
        PooledComparison.write(
                PooledComparison.compare(recordings, BurstRule.seed000().horizon()),
                out.resolve("validation-recordings"));
    }

    /**
     * Validation frames every candidate is judged on: a full window for the longest, a known label, the baseline's
     * range.
     */
    static int[] selectionFrames(BurstSeries validation, int window) {
        boolean hasBaseline = Arrays.stream(validation.baseline()).anyMatch(Double::isFinite);
        int[] f = IntStream.range(window, validation.length())
                .filter(t -> validation.labels()[t] >= 0)
                .filter(t -> !hasBaseline || Double.isFinite(validation.baseline()[t]))
                .toArray();
        int[] y = Arrays.stream(f).map(t -> validation.labels()[t]).toArray();
        if (f.length < 10 || Arrays.stream(y).sum() == 0 || Arrays.stream(y).sum() == y.length) {
            throw new IllegalArgumentException(validation.source() + ": the validation series needs labelled frames of"
                    + " both classes after the first " + window + " frames to choose a model on");
        }
        return f;
    }

    private static String selectionTable(List<Candidate> done, Candidate chosen, int frames) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "## Candidates (chosen on validation ROC-AUC over %d frames)%n%n| candidate | steps kept | "
                        + "validation ROC-AUC | training time |%n|---|---|---|---|%n",
                frames));
        for (Candidate c : done) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s%s | %d of %d | %.4f | %.0f s |%n",
                    c.settings().label(),
                    c.equals(chosen) ? " (chosen)" : "",
                    c.bestStep(),
                    c.settings().steps(),
                    c.validationAuc(),
                    c.seconds()));
        }
        return b.toString();
    }

    private static ForecastComparison.Result compareOnValidation(
            Path out, BurstSeries validation, Candidate chosen, List<Candidate> done) throws IOException {
        List<ForecastComparison.Forecaster> fs = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            fs.add(forecaster(out.resolve("model"), validation, manager, null));
            Optional<Candidate> logistic = done.stream()
                    .filter(c -> c.settings().architecture().equals("logistic") && !c.equals(chosen))
                    .max(Comparator.comparingDouble(Candidate::validationAuc));
            if (logistic.isPresent()) {
                fs.add(forecaster(
                        out.resolve("candidates")
                                .resolve(logistic.get().settings().label())
                                .resolve("model"),
                        validation,
                        manager,
                        "logistic regression (reference)"));
            }
        }
        if (Arrays.stream(validation.baseline()).anyMatch(Double::isFinite)) {
            fs.add(new ForecastComparison.Forecaster(
                    "seed 000 baseline", validation.baseline(), baselineThreshold(out.resolve("model"))));
        }
        ForecastComparison.Result r = ForecastComparison.compare(
                "validation: " + validation.source(),
                validation,
                fs,
                BurstRule.seed000().horizon());
        ForecastComparison.write(r, validation, fs, out);
        return r;
    }

    private static double baselineThreshold(Path bundle) throws IOException {
        return ModelBundle.read(bundle, SeriesForecaster.TASK)
                .section("model", SeriesForecaster.SeriesModel.class)
                .baselineThreshold();
    }

    /** A saved forecaster's probabilities on {@code s}, at its validation threshold. */
    public static ForecastComparison.Forecaster forecaster(Path bundle, BurstSeries s, NDManager manager, String name)
            throws IOException {
        try (SeriesForecaster f = SeriesForecaster.load(bundle, manager)) {
            return new ForecastComparison.Forecaster(
                    name != null ? name : f.info().name(),
                    f.probabilities(s),
                    f.info().alertThreshold());
        }
    }

    /** Re-saves a bundle under another folder (atomically, through {@link ModelBundle#save}). */
    private static void copyBundle(Path from, Path to) throws IOException {
        ModelBundle b = ModelBundle.read(from, SeriesForecaster.TASK);
        SeriesForecaster.SeriesModel info = b.section("model", SeriesForecaster.SeriesModel.class);
        try (NDManager manager = NDManager.newBaseManager();
                SequenceClassifier model = SequenceClassifier.create(info.spec(), manager, 0)) {
            b.loadWeights(model.weights());
            ModelBundle.save(
                    to,
                    SeriesForecaster.TASK,
                    info,
                    b.section("training", JsonNode.class),
                    b.section("data", JsonNode.class),
                    model.weights());
        }
    }

    /** One candidate's training with its validation scoring and best-weights bundle. */
    private record CandidateRun(
            Settings s,
            List<BurstSeries> training,
            BurstSeries validation,
            List<String> inputs,
            FeatureScaler scaler,
            int[] frames,
            Path dir) {
        /** The finished candidate, or null when the run was stopped before the end. */
        Candidate run(boolean resume, ProgressListener progress, StopRequest stop) throws IOException {
            Path doneFile = dir.resolve("done.json");
            if (resume && Files.isRegularFile(doneFile)) {
                return Json.mapper().readValue(doneFile.toFile(), Candidate.class);
            }
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            int[] y = Arrays.stream(frames).map(t -> validation.labels()[t]).toArray();
            double[] baseline = Arrays.stream(frames)
                    .mapToDouble(t -> validation.baseline()[t])
                    .toArray();
            double baselineThreshold = Arrays.stream(baseline).allMatch(Double::isFinite)
                    ? new BinaryMetrics(baseline, y).youden().threshold()
                    : Double.NaN;
            List<String> history = new ArrayList<>(resume ? readHistory() : List.of("step,loss,validation_auc"));
            double[] best = {bestOf(history), bestStepOf(history)};
            try (NDManager manager = NDManager.newBaseManager();
                    SequenceClassifier model = SequenceClassifier.create(s.spec(inputs.size()), manager, s.seed())) {
                SeriesWindows val = new SeriesWindows(validation, inputs, scaler);
                List<SeriesWindows> train = training.stream()
                        .map(t -> new SeriesWindows(t, inputs, scaler))
                        .toList();
                SeriesTraining objective = new SeriesTraining(model, training, train, s.batchSize(), s.seed());
                LoopConfig config = new LoopConfig(s.steps(), s.learningRate(), 1.0, s.seed(), s.evaluateEvery());
                TrainingRecord record = new TrainingRecord(
                        TrainingRecord.WEIGHTED_BCE, config, s.batchSize(), objective.positiveWeight(), "none");
                Path checkpoint = dir.resolve("checkpoint.npz");
                TrainingLoop.Result result = new TrainingLoop(model.weights(), objective, config, checkpoint, progress)
                        .stoppedBy(stop)
                        .afterStep((step, loss) -> {
                            if (step % s.evaluateEvery() != 0 && step != s.steps()) {
                                return true;
                            }
                            double[] p = SeriesForecaster.probabilities(model, val, frames);
                            double auc = new BinaryMetrics(p, y).rocAuc();
                            history.add(String.format(Locale.ROOT, "%d,%.6f,%.6f", step, loss, auc));
                            if (auc > best[0]) {
                                best[0] = auc;
                                best[1] = step;
                                SeriesForecaster.SeriesModel info = new SeriesForecaster.SeriesModel(
                                        model.spec(),
                                        inputs,
                                        scaler,
                                        new BinaryMetrics(p, y).youden().threshold(),
                                        PlattScaling.fit(p, y),
                                        baselineThreshold,
                                        s,
                                        step,
                                        auc,
                                        s.displayName());
                                ModelBundle.save(
                                        dir.resolve("model"),
                                        SeriesForecaster.TASK,
                                        info,
                                        record,
                                        new DataInfo(
                                                training.stream()
                                                        .map(BurstSeries::source)
                                                        .toList(),
                                                validation.source(),
                                                frames.length),
                                        model.weights());
                            }
                            AtomicFiles.writeString(dir.resolve("selection.csv"), String.join("\n", history) + "\n");
                            return true;
                        })
                        .run(resume && Files.exists(checkpoint));
                if (result.stopped()) {
                    return null;
                }
            }
            Candidate c = new Candidate(s, (long) best[1], best[0], (System.nanoTime() - t0) / 1e9);
            AtomicFiles.writeString(doneFile, Json.mapper().writeValueAsString(c));
            return c;
        }

        private List<String> readHistory() throws IOException {
            Path f = dir.resolve("selection.csv");
            return Files.isRegularFile(f) ? Files.readAllLines(f) : List.of("step,loss,validation_auc");
        }

        private static double bestOf(List<String> history) {
            return history.stream()
                    .skip(1)
                    .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[2]))
                    .max()
                    .orElse(Double.NEGATIVE_INFINITY);
        }

        private static long bestStepOf(List<String> history) {
            double best = bestOf(history);
            return history.stream()
                    .skip(1)
                    .filter(l -> Double.parseDouble(l.split(",", -1)[2]) == best)
                    .mapToLong(l -> Long.parseLong(l.split(",", -1)[0]))
                    .findFirst()
                    .orElse(0);
        }
    }
}
