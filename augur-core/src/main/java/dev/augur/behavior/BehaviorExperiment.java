package dev.augur.behavior;

import ai.djl.ndarray.NDManager;
import dev.augur.data.FeatureScaler;
import dev.augur.eval.ClassificationScores;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.nn.SequenceClassifier;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a keypoint classifier as seed 004 does — focal loss, augmentations, validation macro F1 every
 * {@code evaluateEvery} steps, the best model kept, early stopping after {@code patience} evaluations without
 * improvement — but with training and validation split by video. Writes {@code out/checkpoint.npz} (resumable),
 * {@code out/model/} (the best model: bundle of task {@code behavior}), {@code out/validation.json} and
 * {@code out/early_stopping.json}.
 */
public final class BehaviorExperiment {
    public static final String TASK = "behavior";

    public record Settings(
            SequenceClassifier.Spec model,
            int steps,
            int batchSize,
            double learningRate,
            long seed,
            int evaluateEvery,
            int patience,
            BehaviorTraining.Augmentation augmentation,
            String other) {
        public Settings {
            if (steps < 1 || batchSize < 1 || evaluateEvery < 1 || patience < 1) {
                throw new IllegalArgumentException("steps, batch size, evaluation interval and patience must be >= 1");
            }
        }
    }

    /**
     * The bundle's model section: the network, the feature scaling fitted on training videos, the vocabulary, the
     * focal loss's class weights α, and the strength τ of the logit adjustment chosen on the validation videos
     * (see {@link BehaviorPrediction#adjust}); bundles made before these were kept have null weights (no adjustment).
     */
    public record BehaviorModel(
            SequenceClassifier.Spec spec,
            FeatureScaler scaler,
            List<String> vocabulary,
            String other,
            float[] classWeights,
            double adjustment) {
        /** The probabilities a user gets: the network's, adjusted as chosen on validation. */
        public float[] adjusted(float[] probabilities) {
            return BehaviorPrediction.adjust(probabilities, classWeights, adjustment);
        }

        BehaviorModel withAdjustment(double tau) {
            return new BehaviorModel(spec, scaler, vocabulary, other, classWeights, tau);
        }
    }

    /** Strengths of logit adjustment tried on the validation videos: none (seed 004's argmax), half, full. */
    static final double[] ADJUSTMENTS = {0, 0.5, 1};

    /** What a checkpoint is trained and validated on: a resume with other settings (but steps) or videos is refused. */
    record BehaviorRun(Settings settings, List<String> training, List<String> validation) {}

    private static List<String> fingerprints(List<PoseVideo> videos) {
        return videos.stream().map(PoseVideo::fingerprint).toList();
    }

    /** Where early stopping stands; kept in the run folder so a resumed run goes on counting. */
    public record EarlyStopping(double bestMacroF1, long bestStep, int evaluationsSinceBest) {}

    public record Result(EarlyStopping stopping, TrainingLoop.Result training, boolean stoppedEarly) {}

    private BehaviorExperiment() {}

    public static Result train(
            List<PoseVideo> training,
            List<PoseVideo> validation,
            Settings s,
            Path out,
            boolean resume,
            ProgressListener progress)
            throws IOException {
        return train(training, validation, s, out, resume, progress, StopRequest.never());
    }

    /**
     * As above; when {@code stop} is requested the run ends after its current step with a checkpoint
     * ({@code training().stopped()}), {@code model/} holding the best validated weights so far.
     */
    public static Result train(
            List<PoseVideo> training,
            List<PoseVideo> validation,
            Settings s,
            Path out,
            boolean resume,
            ProgressListener progress,
            StopRequest stop)
            throws IOException {
        Files.createDirectories(out);
        Path checkpoint = out.resolve("checkpoint.npz");
        Checkpoint.refuseOverwrite(checkpoint, resume);
        RunSettings.record(
                out,
                new BehaviorRun(s, fingerprints(training), fingerprints(validation)),
                resume && Files.exists(checkpoint),
                Set.of("settings.steps"));
        FeatureScaler scaler = BehaviorData.fitScaler(training);
        BehaviorData train = BehaviorData.of(training, scaler);
        BehaviorData val = BehaviorData.of(validation, scaler);
        Path stateFile = out.resolve("early_stopping.json");
        EarlyStopping start = resume && Files.exists(stateFile)
                ? Json.mapper().readValue(stateFile.toFile(), EarlyStopping.class)
                : new EarlyStopping(-1, 0, 0);
        try (NDManager manager = NDManager.newBaseManager();
                SequenceClassifier model = SequenceClassifier.create(s.model(), manager, s.seed())) {
            // dropout draws from the engine's generator: seeded, so a run is repeatable (a resumed one is not
            // bit-identical: the generator's state is not in the checkpoint)
            manager.getEngine().setRandomSeed((int) s.seed());
            BehaviorTraining objective = new BehaviorTraining(model, train, s.batchSize(), s.seed(), s.augmentation());
            LoopConfig config = new LoopConfig(s.steps(), s.learningRate(), 0, s.seed(), s.evaluateEvery());
            BehaviorModel info =
                    new BehaviorModel(s.model(), scaler, train.vocabulary(), s.other(), objective.classWeights(), 0);
            EarlyStopping[] state = {start};
            TrainingLoop loop = new TrainingLoop(model.weights(), objective, config, checkpoint, progress)
                    .stoppedBy(stop)
                    .afterStep((step, loss) -> {
                        if (step % s.evaluateEvery() == 0 || step == s.steps()) {
                            state[0] = validate(model, val, s, info, state[0], step, out, manager);
                        }
                        return state[0].evaluationsSinceBest() < s.patience();
                    });
            if (start.evaluationsSinceBest() >= s.patience()) {
                loop.requestStop();
            }
            TrainingLoop.Result r = loop.run(resume);
            return new Result(state[0], r, state[0].evaluationsSinceBest() >= s.patience());
        }
    }

    /**
     * Scores the current weights on the validation videos at each logit-adjustment strength; keeps them (with the best
     * strength) as the bundle when the best macro F1 improved.
     */
    private static EarlyStopping validate(
            SequenceClassifier model,
            BehaviorData val,
            Settings s,
            BehaviorModel info,
            EarlyStopping before,
            long step,
            Path out,
            NDManager manager)
            throws IOException {
        List<float[]> raw = BehaviorPrediction.probabilities(model, val, manager);
        ClassificationScores.Report best = null;
        double bestTau = 0;
        for (double tau : ADJUSTMENTS) {
            List<float[]> adjusted = raw.stream()
                    .map(p -> BehaviorPrediction.adjust(p, info.classWeights(), tau))
                    .toList();
            ClassificationScores.Report r = BehaviorPrediction.scores(val, adjusted, s.other());
            if (best == null || macroF1(r) > macroF1(best)) {
                best = r;
                bestTau = tau;
            }
        }
        double f1 = macroF1(best);
        EarlyStopping now;
        if (f1 > before.bestMacroF1()) {
            ModelBundle.save(
                    out.resolve("model"),
                    TASK,
                    info.withAdjustment(bestTau),
                    s,
                    new DataInfo(val.videos().size()),
                    model.weights());
            ModelBundle.read(out.resolve("model"), TASK)
                    .writeMetrics(Map.of("validation", best, "step", step, "adjustment", bestTau));
            AtomicFiles.writeString(
                    out.resolve("validation.json"), Json.mapper().writeValueAsString(best));
            now = new EarlyStopping(f1, step, 0);
        } else {
            now = new EarlyStopping(before.bestMacroF1(), before.bestStep(), before.evaluationsSinceBest() + 1);
        }
        AtomicFiles.writeString(
                out.resolve("early_stopping.json"), Json.mapper().writeValueAsString(now));
        return now;
    }

    private static double macroF1(ClassificationScores.Report r) {
        return Double.isNaN(r.macroF1()) ? 0 : r.macroF1();
    }

    /** What the bundle records about its data. */
    public record DataInfo(int validationVideos) {}
}
