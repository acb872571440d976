package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.RecordingIdentity;
import dev.augur.data.VideoReader;
import dev.augur.eval.PlattScaling;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.train.Checkpoint;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Train the burst forecaster on the training block of a recording, then score model and refit baseline on the
 * validation and test blocks: {@code out/checkpoint.npz} (resumable), {@code out/model/} (bundle, task
 * {@code bursts}), {@code out/metrics.json}, {@code out/summary.md}, {@code out/<block>_scores.csv}.
 */
public final class BurstExperiment {
    public static final String TASK = "bursts";
    private static final double FPS = 30;

    /**
     * @param factor    the model reads frames downscaled by this integer factor from 120×160
     * @param stride    score every stride-th eligible frame of the held-out blocks
     */
    public record Settings(
            BurstClassifier.Spec model,
            int factor,
            int steps,
            int batchSize,
            double learningRate,
            long seed,
            int stride,
            int checkpointEvery) {
        public Settings {
            if (factor < 1 || steps < 1 || batchSize < 1 || stride < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("--factor, --steps, --batch-size and --stride must be >= 1, got "
                        + factor + ", " + steps + ", " + batchSize + ", " + stride);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
            }
        }

        /** A reduced configuration (stated): 30×40 frames, 60-frame windows (2 s) as 15 steps × 4, 8 filters. */
        public static Settings reduced(int steps) {
            return new Settings(new BurstClassifier.Spec(30, 40, 60, 4, 8, 3), 4, steps, 8, 1e-3, 1, 3, 100);
        }
    }

    /**
     * @param perRecording in a split by recording: the per-recording and pooled validation tables (and the test
     *                     recordings' when given), as printed; empty for one recording split in time
     */
    public record Result(
            BurstEvaluation.Report validation,
            BurstEvaluation.Report test,
            double trainPrevalence,
            float positiveWeight,
            TrainingLoop.Result training,
            String perRecording) {}

    public static Result run(Path video, Settings s, Path out, boolean resume, ProgressListener progress)
            throws IOException {
        return run(video, s, out, resume, progress, StopRequest.never());
    }

    /**
     * One recording split in time blocks: trained on the first, thresholds and calibration chosen on the second,
     * scored on the third. When {@code stop} is requested the run ends after its current step with a checkpoint,
     * and the result holds only the training ({@code training().stopped()}).
     */
    public static Result run(
            Path video, Settings s, Path out, boolean resume, ProgressListener progress, StopRequest stop)
            throws IOException {
        VideoReader.Options options = readerOptions(s);
        Files.createDirectories(out);
        Checkpoint.refuseOverwrite(out.resolve("checkpoint.npz"), resume);
        recordRun(out, s, List.of(video), resume);
        try (BurstData data = BurstData.read(
                video,
                options,
                s.factor(),
                BurstData.Split.seed000(),
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000(),
                out)) {
            return train(
                    List.of(data),
                    List.of(data),
                    data,
                    new DataInfo(video.toString(), data.rule()),
                    s,
                    out,
                    resume,
                    progress,
                    stop);
        }
    }

    /**
     * A lab's recordings split by recording: trained on the training recordings (the label rule refit on them),
     * thresholds and calibration chosen on the validation recordings pooled, each validation recording also scored
     * alone ({@code out/validation-recordings/}); the test recordings, if any, are scored by the saved model as
     * {@code bursts test} scores them ({@code out/test-recordings/}).
     */
    public static Result runOnRecordings(
            List<Path> training,
            List<Path> validation,
            List<Path> test,
            Settings s,
            Path out,
            boolean resume,
            ProgressListener progress,
            StopRequest stop)
            throws IOException {
        VideoReader.Options options = readerOptions(s);
        Files.createDirectories(out);
        Checkpoint.refuseOverwrite(out.resolve("checkpoint.npz"), resume);
        recordRun(out, s, training, resume);
        Result r;
        try (BurstRecordings sets = BurstRecordings.read(
                training,
                validation,
                test,
                options,
                s.factor(),
                out,
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000())) {
            String names = training.stream().map(Path::toString).collect(Collectors.joining(", "));
            r = train(
                    sets.training(),
                    sets.validation(),
                    null,
                    new DataInfo(names, sets.rule()),
                    s,
                    out,
                    resume,
                    progress,
                    stop);
        }
        if (r.training().stopped() || test.isEmpty()) {
            return r;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            String scored = BurstScoring.test(
                    out.resolve("model"),
                    List.of(),
                    test.stream().map(Path::toString).toList(),
                    Map.of(),
                    out.resolve("test-recordings"),
                    manager);
            return new Result(
                    r.validation(),
                    null,
                    r.trainPrevalence(),
                    r.positiveWeight(),
                    r.training(),
                    r.perRecording() + "\nTest recordings (scored by the saved model, as bursts test does):\n"
                            + scored);
        }
    }

    /** What a checkpoint is trained from: the settings and the training recordings' bytes. */
    record BurstRun(Settings settings, List<RecordingIdentity> training) {}

    /** A resume must continue the same run: other settings (but more steps) or other recordings are refused. */
    private static void recordRun(Path out, Settings s, List<Path> training, boolean resume) throws IOException {
        RunSettings.record(
                out,
                new BurstRun(s, RecordingIdentity.of(training)),
                resume && Files.exists(out.resolve("checkpoint.npz")),
                Set.of("settings.steps"));
    }

    private static VideoReader.Options readerOptions(Settings s) {
        VideoReader.Options options = VideoReader.Options.seed000();
        if (options.height() / s.factor() != s.model().height()
                || options.width() / s.factor() != s.model().width()) {
            throw new IllegalArgumentException("model frames " + s.model().width() + "x"
                    + s.model().height() + " must be 160x120 divided by the factor " + s.factor());
        }
        return options;
    }

    /**
     * Trains on {@code training}'s training blocks, chooses the alert threshold and the Platt maps on
     * {@code validation}'s validation blocks (pooled), scores {@code testBlock}'s test block (if not null) with them,
     * and saves the bundle, metrics and summaries.
     */
    private static Result train(
            List<BurstData> training,
            List<BurstData> validation,
            BurstData testBlock,
            DataInfo info,
            Settings s,
            Path out,
            boolean resume,
            ProgressListener progress,
            StopRequest stop)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                BurstClassifier model = new BurstClassifier(s.model(), manager, s.seed())) {
            BurstTraining objective = new BurstTraining(model, training, s.batchSize(), s.seed());
            LoopConfig config = new LoopConfig(s.steps(), s.learningRate(), 1.0, s.seed(), s.checkpointEvery());
            TrainingLoop.Result trained = new TrainingLoop(
                            model.weights(), objective, config, out.resolve("checkpoint.npz"), progress)
                    .stoppedBy(stop)
                    .run(resume);
            if (trained.stopped()) {
                return new Result(null, null, Double.NaN, objective.positiveWeight(), trained, "");
            }
            int lookback = AlgorithmicBaseline.seed000().lookback();
            boolean byRecording = testBlock == null;
            List<Held> perValidation = new ArrayList<>();
            for (BurstData d : validation) {
                String name = byRecording ? "validation-recordings/" + recordingName(d, perValidation) : "validation";
                perValidation.add(score(name, model, d, BurstData.Block.VALIDATION, lookback, s, manager, out));
            }
            Held valHeld = Held.pooled("validation", perValidation);
            BurstEvaluation.Report val = valHeld.evaluate(s, Double.NaN, Double.NaN);
            // alerts fire at the validation Youden threshold, calibrated by maps fitted there: never the test's
            PlattScaling modelPlatt = PlattScaling.fit(valHeld.model(), valHeld.labels());
            PlattScaling baselinePlatt = PlattScaling.fit(valHeld.baseline(), valHeld.labels());
            BurstEvaluation.Report test = null;
            if (testBlock != null) {
                Held testHeld = score("test", model, testBlock, BurstData.Block.TEST, lookback, s, manager, out);
                test = testHeld.evaluate(
                                s, val.model().alertThreshold(), val.baseline().alertThreshold())
                        .withCalibrated(List.of(
                                testHeld.calibrated(
                                        s.model().displayName() + ", Platt-calibrated",
                                        modelPlatt,
                                        testHeld.model(),
                                        val.model().alertThreshold()),
                                testHeld.calibrated(
                                        "baseline, Platt-calibrated",
                                        baselinePlatt,
                                        testHeld.baseline(),
                                        val.baseline().alertThreshold())));
            }
            TrainingRecord record = new TrainingRecord(
                    TrainingRecord.WEIGHTED_BCE,
                    config,
                    s.batchSize(),
                    objective.positiveWeight(),
                    "left-right and up-down flips");
            ModelBundle.save(
                    out.resolve("model"),
                    TASK,
                    new BurstModel(s, val.model().youden().threshold(), modelPlatt),
                    record,
                    info,
                    model.weights());
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("validation", val);
            if (test != null) {
                metrics.put("test", test);
            }
            ModelBundle.read(out.resolve("model"), TASK).writeMetrics(metrics);
            metrics.put("trainPrevalence", objective.prevalence());
            AtomicFiles.writeString(out.resolve("metrics.json"), Json.mapper().writeValueAsString(metrics));
            AtomicFiles.writeString(out.resolve("summary.md"), val.table() + (test == null ? "" : "\n" + test.table()));
            String perRecording = "";
            if (byRecording && validation.size() > 1) {
                perRecording = perValidationRecording(validation, perValidation, val, out);
            } else if (!byRecording) {
                BurstReport.write(out);
            }
            return new Result(val, test, objective.prevalence(), objective.positiveWeight(), trained, perRecording);
        }
    }

    /**
     * The chosen model and the baseline on each validation recording alone and pooled, with intervals that resample
     * whole recordings ({@code out/validation-recordings/}: table, chart, report).
     */
    private static String perValidationRecording(
            List<BurstData> validation, List<Held> scored, BurstEvaluation.Report val, Path out) throws IOException {
        List<PooledComparison.Recording> recordings = new ArrayList<>();
        for (int i = 0; i < validation.size(); i++) {
            BurstData d = validation.get(i);
            Held h = scored.get(i);
            double[] p = new double[d.frameCount()];
            Arrays.fill(p, Double.NaN);
            for (int j = 0; j < h.frames().length; j++) {
                p[h.frames()[j]] = h.model()[j];
            }
            BurstSeries series = d.series(BurstData.Block.VALIDATION, FPS);
            recordings.add(new PooledComparison.Recording(
                    h.name().substring(h.name().indexOf('/') + 1),
                    series,
                    List.of(
                            new ForecastComparison.Forecaster(
                                    val.model().name(), p, val.model().alertThreshold()),
                            new ForecastComparison.Forecaster(
                                    "seed 000 baseline",
                                    series.baseline(),
                                    val.baseline().alertThreshold()))));
        }
        PooledComparison.Result pooled =
                PooledComparison.compare(recordings, BurstRule.seed000().horizon());
        PooledComparison.write(pooled, out.resolve("validation-recordings"));
        return "Validation recordings, each alone and pooled:\n" + PooledComparison.table(pooled);
    }

    /** A recording's file name, or its path when another validation recording has the same file name. */
    private static String recordingName(BurstData d, List<Held> before) {
        String name = d.video().getFileName().toString();
        boolean taken = before.stream().anyMatch(h -> h.name().endsWith("/" + name));
        return (taken ? d.video().toString() : name).replace('/', '_');
    }

    /**
     * The bundle's model section: how to rebuild the network, the raw probability at which it alerts, and the Platt
     * map (fitted on the validation block) that turns its raw probabilities into calibrated ones; bundles made
     * before calibration existed have none (identity).
     */
    public record BurstModel(Settings settings, double alertThreshold, PlattScaling calibration) {
        public PlattScaling platt() {
            return calibration == null ? PlattScaling.identity() : calibration;
        }
    }

    /** Model and baseline probabilities on one block's scored frames. */
    private record Held(
            String name, int[] frames, double[] model, double[] baseline, int[] labels, int blockLength, int horizon) {
        /**
         * Several recordings' scores as one: frame numbers shifted so that no burst episode runs from one
         * recording into the next; one recording is itself, renamed.
         */
        static Held pooled(String name, List<Held> parts) {
            if (parts.size() == 1) {
                Held h = parts.get(0);
                return new Held(name, h.frames(), h.model(), h.baseline(), h.labels(), h.blockLength(), h.horizon());
            }
            int n = parts.stream().mapToInt(h -> h.frames().length).sum();
            int[] frames = new int[n];
            double[] model = new double[n];
            double[] baseline = new double[n];
            int[] labels = new int[n];
            int at = 0;
            int offset = 0;
            for (Held h : parts) {
                int len = h.frames().length;
                for (int i = 0; i < len; i++) {
                    frames[at + i] = h.frames()[i] + offset;
                }
                System.arraycopy(h.model(), 0, model, at, len);
                System.arraycopy(h.baseline(), 0, baseline, at, len);
                System.arraycopy(h.labels(), 0, labels, at, len);
                at += len;
                offset += (len == 0 ? 0 : h.frames()[len - 1]) + 4 * h.horizon();
            }
            Held first = parts.get(0);
            return new Held(name, frames, model, baseline, labels, first.blockLength(), first.horizon());
        }

        BurstEvaluation.Report evaluate(Settings s, double modelThreshold, double baselineThreshold) {
            return BurstEvaluation.evaluate(
                    name,
                    s.model().displayName(),
                    frames,
                    model,
                    baseline,
                    labels,
                    blockLength,
                    horizon,
                    modelThreshold,
                    baselineThreshold);
        }

        /** Scores of {@code raw} after the map; the alert threshold maps with the probabilities. */
        BurstEvaluation.Scores calibrated(String label, PlattScaling platt, double[] raw, double rawThreshold) {
            return BurstEvaluation.scores(
                    label, frames, platt.apply(raw), labels, blockLength, horizon, platt.apply(rawThreshold));
        }
    }

    /**
     * What the bundle records about the data: the source (the training recordings) and the label rule refit on its
     * training block (or recordings).
     */
    public record DataInfo(String video, BurstRule rule) {}

    private static Held score(
            String name,
            BurstClassifier model,
            BurstData data,
            BurstData.Block block,
            int lookback,
            Settings s,
            NDManager manager,
            Path out)
            throws IOException {
        int[] ts = data.eligible(block, s.model().window(), lookback, s.stride());
        double[] p = BurstTraining.score(model, data, ts, manager);
        double[] b = new double[ts.length];
        int[] y = new int[ts.length];
        for (int i = 0; i < ts.length; i++) {
            b[i] = data.baseline()[ts[i]];
            y[i] = data.labels()[ts[i]];
        }
        StringBuilder csv =
                new StringBuilder("frame,time,motion_energy,label,model_probability,baseline_probability\n");
        for (int i = 0; i < ts.length; i++) {
            csv.append(String.format(
                    Locale.ROOT,
                    "%d,%.4f,%.7f,%d,%.6f,%.6f%n",
                    ts[i],
                    ts[i] / FPS,
                    data.energy()[ts[i]],
                    y[i],
                    p[i],
                    b[i]));
        }
        AtomicFiles.writeString(out.resolve(name + "_scores.csv"), csv.toString());
        // blocks of about two horizons of frames, so a burst and its lead-up stay together
        int blockLength = Math.max(1, 2 * data.rule().horizon() / s.stride());
        return new Held(name, ts, p, b, y, blockLength, data.rule().horizon());
    }
}
