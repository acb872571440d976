package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.eval.PlattScaling;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.train.Checkpoint;
import dev.augur.train.LoopConfig;
import dev.augur.train.ModelBundle;
import dev.augur.train.ProgressListener;
import dev.augur.train.StopRequest;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Train the burst forecaster on the training block of a recording, then score model and refit baseline on the
 * validation and test blocks: {@code out/checkpoint.npz} (resumable), {@code out/model/} (bundle, task
 * {@code bursts}), {@code out/metrics.json}, {@code out/summary.md}, {@code out/<block>_scores.csv}.
 */
public final class BurstExperiment {
    public static final String TASK = "bursts";

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

    public record Result(
            BurstEvaluation.Report validation,
            BurstEvaluation.Report test,
            double trainPrevalence,
            float positiveWeight,
            TrainingLoop.Result training) {}

    public static Result run(Path video, Settings s, Path out, boolean resume, ProgressListener progress)
            throws IOException {
        return run(video, s, out, resume, progress, StopRequest.never());
    }

    /**
     * As {@link #run(Path, Settings, Path, boolean, ProgressListener)}; when {@code stop} is requested the run ends
     * after its current step with a checkpoint, and the result holds only the training ({@code training().stopped()}).
     */
    public static Result run(
            Path video, Settings s, Path out, boolean resume, ProgressListener progress, StopRequest stop)
            throws IOException {
        VideoReader.Options options = VideoReader.Options.seed000();
        if (options.height() / s.factor() != s.model().height()
                || options.width() / s.factor() != s.model().width()) {
            throw new IllegalArgumentException("model frames " + s.model().width() + "x"
                    + s.model().height() + " must be 160x120 divided by the factor " + s.factor());
        }
        Files.createDirectories(out);
        Path checkpoint = out.resolve("checkpoint.npz");
        Checkpoint.refuseOverwrite(checkpoint, resume);
        BurstData data = BurstData.read(
                video,
                options,
                s.factor(),
                BurstData.Split.seed000(),
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000());
        try (NDManager manager = NDManager.newBaseManager();
                BurstClassifier model = new BurstClassifier(s.model(), manager, s.seed())) {
            BurstTraining objective = new BurstTraining(model, data, s.batchSize(), s.seed());
            LoopConfig config = new LoopConfig(s.steps(), s.learningRate(), 1.0, s.seed(), s.checkpointEvery());
            TrainingLoop.Result training = new TrainingLoop(model.weights(), objective, config, checkpoint, progress)
                    .stoppedBy(stop)
                    .run(resume);
            if (training.stopped()) {
                return new Result(null, null, Double.NaN, objective.positiveWeight(), training);
            }
            int lookback = AlgorithmicBaseline.seed000().lookback();
            Held valHeld = score("validation", model, data, BurstData.Block.VALIDATION, lookback, s, manager, out);
            BurstEvaluation.Report val = valHeld.evaluate(s, Double.NaN, Double.NaN);
            // the test block's alerts use thresholds, and its calibration maps, fitted on the validation block
            Held testHeld = score("test", model, data, BurstData.Block.TEST, lookback, s, manager, out);
            PlattScaling modelPlatt = PlattScaling.fit(valHeld.model(), valHeld.labels());
            PlattScaling baselinePlatt = PlattScaling.fit(valHeld.baseline(), valHeld.labels());
            BurstEvaluation.Report test = testHeld.evaluate(
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
            int[] train = data.eligible(BurstData.Block.TRAIN, s.model().window(), 0, 1);
            double prevalence = BurstRule.prevalence(
                    Arrays.stream(train).map(t -> data.labels()[t]).toArray());
            Result r = new Result(val, test, prevalence, objective.positiveWeight(), training);
            // alerts fire at the validation block's Youden threshold: chosen on held-out data, never on the test block
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
                    new DataInfo(video.toString(), data.rule()),
                    model.weights());
            ModelBundle.read(out.resolve("model"), TASK).writeMetrics(Map.of("validation", val, "test", test));
            AtomicFiles.writeString(
                    out.resolve("metrics.json"),
                    Json.mapper()
                            .writeValueAsString(
                                    Map.of("validation", val, "test", test, "trainPrevalence", prevalence)));
            AtomicFiles.writeString(out.resolve("summary.md"), val.table() + "\n" + test.table());
            BurstReport.write(out);
            return r;
        }
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

    /** What the bundle records about the data: the source and the label rule refit on its training block. */
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
                    ts[i] / 30.0,
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
