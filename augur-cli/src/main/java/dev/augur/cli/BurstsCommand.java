package dev.augur.cli;

import dev.augur.data.VideoReader;
import dev.augur.eval.BinaryMetrics;
import dev.augur.events.AlgorithmicBaseline;
import dev.augur.events.BurstClassifier;
import dev.augur.events.BurstExperiment;
import dev.augur.events.BurstRule;
import dev.augur.events.FishTankSimulator;
import dev.augur.events.VideoLabels;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bursts", mixinStandardHelpOptions = true, description = "Event forecasting: bursts of motion (fish chases) within the next 1.5 s.",
        subcommands = {BurstsCommand.Simulate.class, BurstsCommand.Label.class, BurstsCommand.Train.class,
                BurstsCommand.Forecast.class, BurstsCommand.Report.class})
final class BurstsCommand {

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Simulate an overhead fish tank: video plus ground truth (tracks, chases) beside it.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "video file to write (.mp4, .avi, .webm or .mkv)")
        Path out;

        @Option(names = "--seconds", defaultValue = "120", description = "(default: ${DEFAULT-VALUE})")
        double seconds;

        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--fish", defaultValue = "6", description = "(default: ${DEFAULT-VALUE})")
        int fish;

        @Override
        public Integer call() throws Exception {
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
            }
            FishTankSimulator.Config s = FishTankSimulator.Config.standard();
            FishTankSimulator.Config c = new FishTankSimulator.Config(fish, s.width(), s.height(), s.fps(),
                    s.cruiseSpeed(), s.chaseSpeed(), s.triggerDistance(), s.stalkHazard(), s.stalkSeconds(),
                    s.chaseSeconds(), s.cooldownSeconds(), s.noise(), s.lightingDrift());
            long t0 = System.nanoTime();
            FishTankSimulator.Truth truth = new FishTankSimulator(c, seed).simulate(seconds, out,
                    new ConsoleProgress("simulate"));
            System.out.printf(Locale.ROOT, "%s: %d frames, %d chases, in %.1f s%n", out, truth.frames(),
                    truth.chases().size(), (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(name = "label", mixinStandardHelpOptions = true,
            description = "Motion energy, burst labels and the algorithmic baseline for every frame of a video (CSV).")
    static final class Label implements Callable<Integer> {
        @Option(names = "--video", required = true, description = "any video FFmpeg decodes")
        Path video;

        @Option(names = "--out", required = true, description = "CSV: frame,time,motion_energy,label,baseline_probability")
        Path out;

        @Option(names = "--fps", defaultValue = "30", description = "resample to this rate (default: ${DEFAULT-VALUE})")
        double fps;

        @Option(names = "--height", defaultValue = "120", description = "(default: ${DEFAULT-VALUE})")
        int height;

        @Option(names = "--width", defaultValue = "160", description = "(default: ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--horizon", defaultValue = "45", description = "h, frames ahead (default: ${DEFAULT-VALUE} = 1.5 s)")
        int horizon;

        @Option(names = "--min-range", defaultValue = "0.001", description = "c (default: ${DEFAULT-VALUE}, seed's footage)")
        double minRange;

        @Option(names = "--low-fraction", defaultValue = "0.1", description = "b (default: ${DEFAULT-VALUE})")
        double lowFraction;

        @Option(names = "--refit", description = "rescale c and the baseline's constants to this video's motion energy")
        boolean refit;

        @Override
        public Integer call() throws Exception {
            VideoLabels l = VideoLabels.of(video, new VideoReader.Options(height, width, fps, null),
                    new BurstRule(horizon, minRange, lowFraction, BurstRule.SEED_WARM_UP), AlgorithmicBaseline.seed000(), refit);
            l.writeCsv(out);
            System.out.printf(Locale.ROOT, "%s: %d frames, label prevalence %.3f (c = %.6f)%n", video,
                    l.energy().length, l.prevalence(), l.rule().minRange());
            try {
                BinaryMetrics m = new BinaryMetrics(l.baseline(), l.labels());
                System.out.printf(Locale.ROOT, "baseline on this video: ROC-AUC %.3f, PR-AUC %.3f, majority accuracy %.3f%n",
                        m.rocAuc(), m.averagePrecision(), m.majorityAccuracy());
            } catch (IllegalArgumentException oneClass) {
                System.out.println("baseline not scored: " + oneClass.getMessage());
            }
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the ConvLSTM burst forecaster on the first 25/30 of a video; score it and the refit"
                    + " baseline on the validation (2/30) and test (3/30) blocks.")
    static final class Train implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Option(names = "--video", required = true, description = "the recording")
        Path video;

        @Option(names = "--out", required = true, description = "run folder: checkpoint.npz, model/, metrics.json, summary.md")
        Path out;

        @Option(names = "--steps", defaultValue = "60000", description = "(default: ${DEFAULT-VALUE}: about the seed's 5 epochs of 54k frames at batch 4)")
        int steps;

        @Option(names = "--factor", defaultValue = "1", description = "downscale 120x160 by this (default: ${DEFAULT-VALUE}, the seed's size; quickstart: 4)")
        int factor;

        @Option(names = "--window", defaultValue = "120", description = "frames per input window or training segment (default: ${DEFAULT-VALUE}, the seed's 4 s; quickstart: 60)")
        int window;

        @Option(names = "--frames-per-step", defaultValue = "4", description = "(default: ${DEFAULT-VALUE})")
        int framesPerStep;

        @Option(names = "--hidden", defaultValue = "16", description = "ConvLSTM filters (default: ${DEFAULT-VALUE}, the seed's; quickstart: 8)")
        int hidden;

        @Option(names = "--batch-size", defaultValue = "4", description = "(default: ${DEFAULT-VALUE}, the seed's; quickstart: 8)")
        int batch;

        @Option(names = "--lr", defaultValue = "8e-5", description = "Adam learning rate (default: ${DEFAULT-VALUE}, the seed's; quickstart: 1e-3)")
        double lr;

        @Option(names = "--stride", defaultValue = "3", description = "score every n-th held-out frame (default: ${DEFAULT-VALUE})")
        int stride;

        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--resume", description = "continue from the run folder's checkpoint")
        boolean resume;

        @Option(names = "--stateful", description = "carry the recurrent state across the whole video (constant cost per"
                + " frame); trained with truncated back-propagation on --window-frame segments")
        boolean stateful;

        @Option(names = "--cell", defaultValue = "convlstm", description = "recurrent layer: convlstm (the seed's), predrnn"
                + " (ST-LSTM) or memory_flow (PredRNN paper Eq. 3) (default: ${DEFAULT-VALUE})")
        String cell;

        @Option(names = "--layer-norm", description = "layer normalisation inside the ST-LSTM backbone (--cell predrnn)")
        boolean layerNorm;

        @Override
        public Integer call() throws Exception {
            BurstExperiment.Settings s = new BurstExperiment.Settings(new BurstClassifier.Spec(120 / factor, 160 / factor,
                    window, framesPerStep, hidden, 3, stateful, cell, layerNorm), factor, steps, batch, lr, seed, stride, 100);
            engine.start();
            BurstExperiment.Result r = BurstExperiment.run(video, s, out, resume, new ConsoleProgress("bursts"));
            System.out.printf(Locale.ROOT, "training prevalence %.3f, positive weight %.2f%n", r.trainPrevalence(),
                    r.positiveWeight());
            System.out.print(r.validation().table());
            System.out.print(r.test().table());
            System.out.println("model: " + out.resolve("model"));
            System.out.println("report: " + out.resolve("report.html"));
            return 0;
        }
    }

    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "Follow a video file or a stream (--video -) with a saved forecaster: one JSON line per frame"
                    + " (frame, time, probability, alert).")
    static final class Forecast implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "bundle folder written by bursts train")
        Path model;

        @Option(names = "--video", required = true, description = "video file, or - for standard input (a streamable container)")
        String video;

        @Option(names = "--threshold", description = "alert threshold (default: the bundle's validation Youden threshold)")
        Double threshold;

        @Option(names = "--follow", description = "the file is still being written: keep reading as it grows, stop after"
                + " --idle-seconds without growth (Matroska/WebM or MPEG-TS)")
        boolean follow;

        @Option(names = "--idle-seconds", defaultValue = "5", description = "with --follow (default: ${DEFAULT-VALUE})")
        double idleSeconds;

        @Override
        public Integer call() throws Exception {
            engine.start();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.io.PrintStream out = System.out;
            try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager();
                 dev.augur.events.BurstForecaster f = dev.augur.events.BurstForecaster.load(model, manager);
                 VideoReader reader = "-".equals(video)
                         ? VideoReader.open(System.in, "standard input", dev.augur.events.BurstForecaster.readerOptions())
                         : follow
                         ? VideoReader.open(new dev.augur.data.GrowingFileStream(existing(Path.of(video)), (long) (idleSeconds * 1000)),
                                 video, dev.augur.events.BurstForecaster.readerOptions())
                         : VideoReader.open(Path.of(video), dev.augur.events.BurstForecaster.readerOptions())) {
                double t = threshold != null ? threshold : f.threshold();
                f.run(reader, t, fc -> {
                    com.fasterxml.jackson.databind.node.ObjectNode line = json.createObjectNode();
                    line.put("frame", fc.frame());
                    line.put("time", Math.round(fc.time() * 1e4) / 1e4);
                    if (Double.isNaN(fc.probability())) {
                        line.putNull("probability");
                        line.putNull("calibrated");
                    } else {
                        line.put("probability", fc.probability());
                        line.put("calibrated", fc.calibrated());
                    }
                    line.put("alert", fc.alert());
                    out.println(json.writeValueAsString(line));
                    out.flush();
                });
            }
            return 0;
        }
    }

    static Path existing(Path file) throws java.nio.file.NoSuchFileException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such video file");
        }
        return file;
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "(Re)write the self-contained HTML report of a bursts train run folder.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--run", required = true, description = "the --out folder of bursts train")
        Path run;

        @Override
        public Integer call() throws Exception {
            System.out.println("wrote " + dev.augur.events.BurstReport.write(run));
            return 0;
        }
    }
}
