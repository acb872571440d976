package dev.augur.cli;

import ai.djl.ndarray.NDManager;
import dev.augur.behavior.BehaviorData;
import dev.augur.behavior.BehaviorEvaluation;
import dev.augur.behavior.BehaviorExperiment;
import dev.augur.behavior.BehaviorModels;
import dev.augur.behavior.BehaviorOutputs;
import dev.augur.behavior.BehaviorPrediction;
import dev.augur.behavior.BehaviorTraining;
import dev.augur.behavior.CalMs21Json;
import dev.augur.behavior.KeypointFeatures;
import dev.augur.behavior.MousePairSimulator;
import dev.augur.behavior.PoseVideo;
import dev.augur.eval.ClassificationScores;
import dev.augur.io.FlagRange;
import dev.augur.nn.SequenceClassifier;
import dev.augur.parquet.MabeWriter;
import dev.augur.train.Checkpoint;
import dev.augur.train.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "behavior",
        mixinStandardHelpOptions = true,
        description = "Behaviour classification from pose keypoints (CalMS21 task-1 files): which social behaviour "
                + "each frame shows.",
        subcommands = {
            BehaviorCommand.Simulate.class,
            BehaviorCommand.Train.class,
            BehaviorCommand.Test.class,
            BehaviorCommand.Predict.class
        })
final class BehaviorCommand {

    @Command(
            name = "simulate",
            mixinStandardHelpOptions = true,
            description = "Write simulated mouse-pair videos (seed 004's seven behaviours) as CalMS21 task-1 files "
                    + "(and, with --mabe, the MABe layout).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "folder: calms21_train.json, calms21_test.json")
        Path out;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(names = "--train-videos", defaultValue = "8", description = "(default: ${DEFAULT-VALUE})")
        int trainVideos;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(names = "--test-videos", defaultValue = "4", description = "(default: ${DEFAULT-VALUE})")
        int testVideos;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(
                names = "--frames",
                defaultValue = "9000",
                description = "frames per video at 30 Hz (default: ${DEFAULT-VALUE} = 5 min)")
        int frames;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--mabe", description = "also write the same videos in the Kaggle MABe layout under <out>/mabe")
        boolean mabe;

        @Override
        public Integer call() throws Exception {
            MousePairSimulator sim = new MousePairSimulator(MousePairSimulator.Config.standard());
            Files.createDirectories(out);
            List<PoseVideo> train = sim.videos("sim/train/video", trainVideos, frames, seed);
            List<PoseVideo> test = sim.videos("sim/test/video", testVideos, frames, seed + 1_000);
            CalMs21Json.write(train, out.resolve("calms21_train.json"));
            CalMs21Json.write(test, out.resolve("calms21_test.json"));
            if (mabe) {
                MabeWriter.write(train, out.resolve("mabe"), "train", "sim", 1.0);
                MabeWriter.write(test, out.resolve("mabe"), "test", "sim", 1.0);
            }
            System.out.printf(
                    "wrote %d training and %d test videos of %d frames to %s%n", trainVideos, testVideos, frames, out);
            return 0;
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train seed 004's CNN-LSTM (or the 1D-conv baseline) on a CalMS21 file, validating on "
                    + "held-out videos.")
    static final class Train implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(
                names = "--data",
                required = true,
                description = "CalMS21 task-1 JSON, or a folder in the Kaggle MABe layout (train.csv, "
                        + "train_tracking/, train_annotation/)")
        Path data;

        @Option(names = "--out", required = true, description = "run folder (checkpoint.npz, model/, validation.json)")
        Path out;

        @Option(
                names = "--model",
                defaultValue = "cnn_lstm",
                description = "cnn_lstm or conv1d (default: ${DEFAULT-VALUE})")
        String architecture;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--validation-videos",
                defaultValue = "0.2",
                description = "share of the videos held out for validation, by video (default: ${DEFAULT-VALUE})")
        double validationShare;

        @FlagRange(min = 1, max = 1000)
        @Option(
                names = "--window",
                defaultValue = "60",
                description = "frames per window, centred on the labelled frame (default: ${DEFAULT-VALUE})")
        int window;

        @FlagRange(min = 1, max = 1024)
        @Option(
                names = "--width",
                defaultValue = "64",
                description = "base channels (default: ${DEFAULT-VALUE}, the seed's)")
        int width;

        @FlagRange(min = 0, max = 0.95)
        @Option(names = "--dropout", defaultValue = "0.3", description = "(default: ${DEFAULT-VALUE})")
        double dropout;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(names = "--steps", defaultValue = "3000", description = "training steps (default: ${DEFAULT-VALUE})")
        int steps;

        @FlagRange(min = 1, max = 4096)
        @Option(names = "--batch-size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE}, the seed's)")
        int batch;

        @FlagRange(min = 0, minExcluded = true, max = 1)
        @Option(
                names = "--lr",
                defaultValue = "5e-4",
                description = "Adam learning rate (default: ${DEFAULT-VALUE}, the seed's)")
        double lr;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--evaluate-every",
                defaultValue = "200",
                description = "steps between validations (default: ${DEFAULT-VALUE})")
        int evaluateEvery;

        @FlagRange(min = 1, max = 10_000)
        @Option(
                names = "--patience",
                defaultValue = "5",
                description = "validations without a better macro F1 before stopping (default: ${DEFAULT-VALUE})")
        int patience;

        @Option(names = "--no-augment", description = "no jitter, scaling, noise or mixup")
        boolean noAugment;

        @Option(
                names = "--other",
                defaultValue = "other",
                description = "the catch-all behaviour, left out of the second macro F1 (default: ${DEFAULT-VALUE})")
        String other;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--resume", description = "continue from the run folder's checkpoint")
        boolean resume;

        @Override
        public Integer call() throws Exception {
            List<PoseVideo> videos = PoseInputs.read(data, "train");
            if (videos.size() < 2) {
                throw new IllegalArgumentException(data + ": holds " + videos.size()
                        + " video; training needs at least two (one is held out for validation)");
            }
            List<PoseVideo> shuffled = new ArrayList<>(videos);
            Collections.shuffle(shuffled, new Random(seed));
            int held = Math.max(1, (int) Math.round(validationShare * videos.size()));
            List<PoseVideo> validation = shuffled.subList(0, held);
            List<PoseVideo> training = shuffled.subList(held, shuffled.size());
            SequenceClassifier.Spec spec = new SequenceClassifier.Spec(
                    architecture,
                    KeypointFeatures.COUNT,
                    videos.get(0).vocabulary().size(),
                    window,
                    width,
                    dropout);
            BehaviorExperiment.Settings s = new BehaviorExperiment.Settings(
                    spec,
                    steps,
                    batch,
                    lr,
                    seed,
                    evaluateEvery,
                    patience,
                    noAugment ? BehaviorTraining.Augmentation.none() : BehaviorTraining.Augmentation.seed004(),
                    other);
            engine.start();
            int repaired = videos.stream()
                    .mapToInt(v -> v.repairs().interpolatedKeypoints())
                    .sum();
            System.out.printf(
                    "%d training and %d validation videos (split by video); %d lost keypoints interpolated%n",
                    training.size(), validation.size(), repaired);
            if (resume) {
                Checkpoint.requireForResume(out.resolve("checkpoint.npz"));
            }
            StopRequest stop = new StopRequest();
            return StopOnSignal.run(
                    stop::request,
                    () -> BehaviorExperiment.train(
                            training, validation, s, out, resume, new ConsoleProgress(architecture), stop),
                    r -> {
                        if (r.training().stopped() && !r.stoppedEarly()) {
                            System.out.printf(
                                    Locale.ROOT,
                                    "stopped at step %d; checkpoint %s (continue with --resume);"
                                            + " model/ holds the best validated weights so far (step %d)%n",
                                    r.training().steps(),
                                    out.resolve("checkpoint.npz"),
                                    r.stopping().bestStep());
                            return 130;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "best validation macro F1 %.4f at step %d%s%nmodel: %s%n",
                                r.stopping().bestMacroF1(),
                                r.stopping().bestStep(),
                                r.stoppedEarly()
                                        ? " (stopped early: no better F1 in " + patience + " validations)"
                                        : "",
                                out.resolve("model"));
                        return 0;
                    });
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Score a saved model on the labelled videos of a CalMS21 file: per-class F1 and AP, macro "
                    + "F1, confusion matrix.")
    static final class Test implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Mixin
        BehaviorInputs inputs;

        @Option(
                names = "--out",
                description = "folder for metrics.json, per_class.csv, confusion.csv/png (default: next to the "
                        + "bundle, test/)")
        Path out;

        @Override
        public Integer call() throws Exception {
            engine.start();
            Path dir = out != null
                    ? out
                    : inputs.model.toAbsolutePath().getParent().resolve("test");
            try (NDManager manager = NDManager.newBaseManager();
                    BehaviorInputs.Opened opened = inputs.open(manager)) {
                BehaviorEvaluation.Result r = BehaviorEvaluation.test(
                        opened.loaded(),
                        opened.videos(),
                        inputs.data.getFileName().toString(),
                        dir,
                        manager);
                System.out.printf(
                        Locale.ROOT,
                        "logit adjustment %.1f (chosen on validation videos); without it (argmax of the "
                                + "class-weighted network, as seed 004): macro F1 %.4f, without other %.4f%n",
                        r.adjustment(),
                        r.unadjusted().macroF1(),
                        r.unadjusted().macroF1WithoutOther());
                print(r.adjusted());
                System.out.println("metrics: " + dir);
            }
            return 0;
        }

        private static void print(ClassificationScores.Report r) {
            System.out.printf("%-14s %8s %9s %7s %6s %6s%n", "behavior", "frames", "precision", "recall", "F1", "AP");
            for (ClassificationScores.PerClass c : r.classes()) {
                System.out.printf(
                        Locale.ROOT,
                        "%-14s %8d %9.3f %7.3f %6.3f %6.3f%n",
                        c.name(),
                        c.support(),
                        c.precision(),
                        c.recall(),
                        c.f1(),
                        c.averagePrecision());
            }
            System.out.printf(
                    Locale.ROOT,
                    "macro F1 %.4f, without other %.4f, accuracy %.4f over %d frames%n",
                    r.macroF1(),
                    r.macroF1WithoutOther(),
                    r.accuracy(),
                    r.frames());
        }
    }

    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = "Label every frame of the videos in a CalMS21 file with a saved model; CSV and MABe "
                    + "submission intervals.")
    static final class Predict implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Mixin
        BehaviorInputs inputs;

        @Option(
                names = "--out",
                required = true,
                description = "CSV of frame labels: video_id,frame,behavior,p_<class>...")
        Path out;

        @Option(names = "--submission", description = "also write MABe submission intervals here")
        Path submission;

        @Option(
                names = "--no-adjust",
                description = "raw probabilities of the class-weighted network (no logit adjustment)")
        boolean raw;

        @Override
        public Integer call() throws Exception {
            engine.start();
            try (NDManager manager = NDManager.newBaseManager();
                    BehaviorInputs.Opened opened = inputs.open(manager)) {
                BehaviorModels.Loaded loaded = opened.loaded();
                BehaviorData d = opened.videos();
                List<BehaviorOutputs.Predicted> predicted = new ArrayList<>();
                for (int v = 0; v < d.videos().size(); v++) {
                    predicted.add(new BehaviorOutputs.Predicted(
                            d.video(v),
                            raw
                                    ? BehaviorPrediction.probabilities(loaded.model(), d, v, manager)
                                    : loaded.info()
                                            .adjusted(
                                                    BehaviorPrediction.probabilities(loaded.model(), d, v, manager))));
                }
                BehaviorOutputs.frameLabels(predicted, d.vocabulary(), out);
                System.out.println("frame labels: " + out);
                if (submission != null) {
                    BehaviorOutputs.submission(
                            predicted, d.vocabulary(), loaded.info().other(), submission);
                    System.out.println("MABe submission intervals: " + submission);
                }
            }
            return 0;
        }
    }
}
