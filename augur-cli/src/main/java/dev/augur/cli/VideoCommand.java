package dev.augur.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.augur.data.BouncingBalls;
import dev.augur.data.Clips;
import dev.augur.data.MovingMnist;
import dev.augur.data.NumpyFiles;
import dev.augur.data.SequenceFiles;
import dev.augur.eval.FrameMetrics;
import dev.augur.eval.MetricsFiles;
import dev.augur.nn.Architecture;
import dev.augur.nn.ModelSpec;
import dev.augur.report.AnimatedGif;
import dev.augur.report.ErrorChart;
import dev.augur.report.FrameImages;
import dev.augur.train.ScheduledSampling;
import dev.augur.video.FramePredictionConfig;
import dev.augur.train.TrainingLoop;
import dev.augur.video.RolloutAnimation;
import dev.augur.video.VideoData;
import dev.augur.video.VideoEvaluation;
import dev.augur.video.VideoModels;
import dev.augur.video.VideoTraining;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "video", mixinStandardHelpOptions = true, description = "Video prediction: the next K frames from the last J.",
        subcommands = {VideoCommand.Train.class, VideoCommand.Test.class, VideoCommand.Predict.class,
                VideoCommand.Compare.class, VideoStudyCommand.class})
final class VideoCommand {

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a frame predictor on generated bouncing balls or Moving MNIST; writes a resumable run folder.")
    static final class Train implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--out", required = true, description = "run folder (checkpoint.npz, losses.csv, model/)")
        Path out;

        @Option(names = "--model", defaultValue = "convlstm", description = "convlstm, predrnn, memory_flow, e3d_lstm, e3d_lstm_2d or conv (default: ${DEFAULT-VALUE})")
        String architecture;

        @Option(names = "--hidden", defaultValue = "32,32", split = ",", description = "channels per layer (default: ${DEFAULT-VALUE})")
        List<Integer> hidden;

        @Option(names = "--filter", defaultValue = "5", description = "kernel size (default: ${DEFAULT-VALUE})")
        int filter;

        @Option(names = "--patch", defaultValue = "2", description = "space-to-depth patch size (default: ${DEFAULT-VALUE})")
        int patch;

        @Option(names = "--peephole", description = "ConvLSTM peephole connections")
        boolean peephole;

        @Option(names = "--residual", description = "residual links between stacked layers")
        boolean residual;

        @Option(names = "--layer-norm", description = "layer normalisation inside ST-LSTM cells (predrnn)")
        boolean layerNorm;

        @Option(names = "--input-length", defaultValue = "5", description = "J, frames read (default: ${DEFAULT-VALUE}; conv reads 1)")
        int inputLength;

        @Option(names = "--future", defaultValue = "4", description = "K, frames predicted (default: ${DEFAULT-VALUE})")
        int future;

        @Mixin
        VideoDataOptions data;

        @Option(names = "--steps", defaultValue = "2000", description = "training steps (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
        double lr;

        @Option(names = "--loss", defaultValue = "l2", description = "l2, l1l2 (L1+L2) or l1l2:λ (λ·L1+(1−λ)·L2) (default: ${DEFAULT-VALUE})")
        String loss;

        @Option(names = "--clip-norm", defaultValue = "1.0", description = "global gradient-norm limit, 0 = off (default: ${DEFAULT-VALUE})")
        double clipNorm;

        @Option(names = "--sampling-start", defaultValue = "1.0", description = "scheduled sampling: initial eta (default: ${DEFAULT-VALUE})")
        double samplingStart;

        @Option(names = "--sampling-delta", description = "eta falls this much per step (default: to 0 at 3/4 of the steps)")
        Double samplingDelta;

        @Option(names = "--reverse-sampling", description = "reverse scheduled sampling (PredRNN-V2), switching over the 1st to 2nd third of the steps")
        boolean reverseSampling;

        @Option(names = "--reverse-input", description = "also train on every clip played backwards")
        boolean reverseInput;

        @Option(names = "--init-from", description = "start from this bundle's weights (fine-tuning, e.g. with --residual)")
        Path initFrom;

        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--checkpoint-every", defaultValue = "200", description = "(default: ${DEFAULT-VALUE})")
        int checkpointEvery;

        @Option(names = "--resume", description = "continue from the run folder's checkpoint")
        boolean resume;

        @Override
        public Integer call() throws Exception {
            int j = Architecture.of(architecture).isRecurrent() ? inputLength : 1;
            ModelSpec spec = new ModelSpec(architecture, data.channels(), data.side(), data.side(), patch, hidden,
                    filter, peephole, residual, layerNorm, j);
            double delta = samplingDelta != null ? samplingDelta : 1.0 / Math.max(1, 0.75 * steps);
            ScheduledSampling sampling = reverseSampling
                    ? new ScheduledSampling(1.0, 0, 0, new ScheduledSampling.Reverse(steps / 3, Math.max(steps / 3 + 1,
                            2 * steps / 3), Math.max(1, steps / 15.0)))
                    : ScheduledSampling.linear(samplingStart, delta);
            FramePredictionConfig config = new FramePredictionConfig(steps, batch, j + future, lr, loss, clipNorm, sampling, reverseInput,
                    seed, checkpointEvery);
            engine.start();
            VideoTraining training = new VideoTraining(data.data(seed), spec, config, out, new ConsoleProgress(architecture));
            if (initFrom != null) {
                training.startingFrom(initFrom);
            }
            TrainingLoop.Result r = StopOnSignal.run(training::requestStop, () -> training.run(resume));
            if (r.stopped()) {
                System.out.printf("stopped at step %d; checkpoint %s (continue with --resume)%n", r.steps(),
                        training.checkpoint());
                return 130;
            }
            System.out.printf(Locale.ROOT, "trained %d steps, final loss %.6f%nmodel: %s%n", r.steps(), r.finalLoss(),
                    training.bundle());
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Score one saved model on its fixed test set, beside copy-last-frame.")
    static final class Test implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "model bundle folder")
        Path model;

        @Option(names = "--sequences", defaultValue = "1200", description = "(default: ${DEFAULT-VALUE})")
        int sequences;

        @Option(names = "--future", defaultValue = "4", description = "frames to predict (default: ${DEFAULT-VALUE})")
        int future;

        @Option(names = "--out", description = "folder for metrics.csv/json (default: the bundle; also updates its metrics.json)")
        Path out;

        @Option(names = "--digits", description = "Moving MNIST: test on this many digits per sequence (3 = the MNIST-3 transfer test)")
        Integer digits;

        @Override
        public Integer call() throws Exception {
            engine.start();
            return compare(List.of(model), sequences, future, out != null ? out : model, digits == null, digits);
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Score several saved models on the same test set; table, chart and rollout GIF.")
    static final class Compare implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "model bundle folders (repeat the flag)")
        List<Path> models;

        @Option(names = "--sequences", defaultValue = "1200", description = "(default: ${DEFAULT-VALUE})")
        int sequences;

        @Option(names = "--future", defaultValue = "4", description = "(default: ${DEFAULT-VALUE})")
        int future;

        @Option(names = "--out", required = true, description = "output folder")
        Path out;

        @Option(names = "--digits", description = "Moving MNIST: test on this many digits per sequence (3 = the MNIST-3 transfer test)")
        Integer digits;

        @Override
        public Integer call() throws Exception {
            engine.start();
            return compare(models, sequences, future, out, false, digits);
        }
    }

    static int compare(List<Path> bundles, int sequences, int future, Path out, boolean saveIntoBundle, Integer digits)
            throws Exception {
        if (sequences < 1 || future < 1) {
            throw new IllegalArgumentException("--sequences and --future must be >= 1");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            List<VideoModels.Loaded> loaded = new ArrayList<>();
            try {
                for (Path b : bundles) {
                    loaded.add(VideoModels.load(b, manager));
                }
                VideoData data = loaded.get(0).data();
                for (VideoModels.Loaded l : loaded) {
                    if (!l.data().equals(data)) {
                        throw new IllegalArgumentException(l.dir() + ": trained on other data than " + loaded.get(0).dir());
                    }
                }
                if (digits != null) {
                    data = data.withDigits(digits);
                }
                int context = loaded.stream().mapToInt(l -> l.model().spec().inputLength()).max().orElseThrow();
                List<VideoEvaluation.Candidate> candidates = new ArrayList<>();
                for (VideoModels.Loaded l : loaded) {
                    candidates.add(new VideoEvaluation.Candidate(name(l), l.model()));
                }
                Clips test = data.source().testSet(sequences, context + future);
                List<FrameMetrics.Summary> metrics = VideoEvaluation.evaluate(candidates, test, context, future,
                        data.thresholds(), manager);
                Files.createDirectories(out);
                MetricsFiles.write(metrics, out.resolve("metrics.csv"), out.resolve("metrics.json"));
                List<ErrorChart.Line> lines = new ArrayList<>();
                metrics.forEach(m -> lines.add(ErrorChart.line(m.model(), m.steps(), FrameMetrics.Step::mse)));
                ErrorChart.write("MSE per frame over " + sequences + " test sequences", "MSE per frame", lines,
                        out.resolve("error_vs_step.png"));
                if (!saveIntoBundle) {
                    RolloutAnimation.write(candidates, data.source().testSet(1, Math.max(50, context + future)), context,
                            out.resolve("rollout.gif"), manager);
                } else {
                    dev.augur.train.ModelBundle.read(bundles.get(0), VideoModels.TASK).writeMetrics(metrics);
                }
                printTable(metrics);
                writeDifferences(metrics, out.resolve("differences.csv"));
                System.out.println("metrics: " + out.resolve("metrics.csv") + ", " + out.resolve("metrics.json"));
                return 0;
            } finally {
                loaded.forEach(VideoModels.Loaded::close);
            }
        }
    }

    /** Every pair of trained models (copy-last-frame aside), paired over the same test sequences. */
    private static void writeDifferences(List<FrameMetrics.Summary> metrics, Path file) throws java.io.IOException {
        if (metrics.size() < 3) {
            return;
        }
        StringBuilder csv = new StringBuilder("model,reference,mse_difference,low,high\n");
        for (int i = 1; i < metrics.size(); i++) {
            for (int j = i + 1; j < metrics.size(); j++) {
                FrameMetrics.Difference d = FrameMetrics.difference(metrics.get(j), metrics.get(i),
                        dev.augur.eval.Bootstrap.standard());
                System.out.printf(Locale.ROOT, "%s - %s: MSE per frame %+.3f [%.3f, %.3f] (paired over sequences)%n",
                        d.model(), d.reference(), d.mse().mean(), d.mse().low(), d.mse().high());
                csv.append(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6f%n", d.model(), d.reference(),
                        d.mse().mean(), d.mse().low(), d.mse().high()));
            }
        }
        dev.augur.io.AtomicFiles.writeString(file, csv.toString());
    }

    private static String name(VideoModels.Loaded l) {
        ModelSpec s = l.model().spec();
        return s.architecture() + " (" + s.inputLength() + " in) " + l.dir().toAbsolutePath().normalize().getParent().getFileName();
    }

    static void printTable(List<FrameMetrics.Summary> metrics) {
        System.out.printf("%-40s %5s %22s %10s %8s %7s %9s%n", "model", "step", "MSE/frame [95% CI]", "MAE/frame",
                "PSNR dB", "SSIM", "CE/frame");
        for (FrameMetrics.Summary m : metrics) {
            for (FrameMetrics.Step s : m.steps()) {
                System.out.printf(Locale.ROOT, "%-40s %5d %8.3f [%6.3f,%6.3f] %10.3f %8.2f %7.4f %9.2f%n", m.model(),
                        s.step(), s.mse().mean(), s.mse().low(), s.mse().high(), s.mae().mean(), s.psnr().mean(),
                        s.ssim().mean(), s.crossEntropy().mean());
            }
        }
        for (FrameMetrics.Summary m : metrics) {
            m.thresholds().forEach(c -> System.out.printf(Locale.ROOT, "%-40s intensity >= %.3f: CSI %.4f  POD %.4f  FAR %.4f%n",
                    m.model(), c.threshold(), c.csi(), c.pod(), c.far()));
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true,
            description = "Predict the next frames of a sequence (.npy, predrnn .npz, or a folder of PNGs) with a saved model.")
    static final class Predict implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "model bundle folder")
        Path model;

        @Option(names = "--input", required = true, description = ".npy / .npz file or folder of PNG frames")
        Path input;

        @Option(names = "--future", defaultValue = "10", description = "frames to predict (default: ${DEFAULT-VALUE})")
        int future;

        @Option(names = "--out", required = true, description = "output folder: pred_XX.png, prediction.gif, prediction.npz")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (future < 1) {
                throw new IllegalArgumentException("--future must be >= 1, got " + future);
            }
            engine.start();
            try (NDManager manager = NDManager.newBaseManager();
                 VideoModels.Loaded loaded = VideoModels.load(model, manager)) {
                ModelSpec spec = loaded.model().spec();
                Clips seq = SequenceFiles.read(manager, input);
                if (seq.channels() != spec.channels() || seq.height() != spec.height() || seq.width() != spec.width()) {
                    throw new IllegalArgumentException(input + ": frames are " + seq.channels() + "x" + seq.height() + "x"
                            + seq.width() + " (CxHxW) but the model expects " + spec.channels() + "x" + spec.height() + "x"
                            + spec.width());
                }
                if (seq.length() < spec.inputLength()) {
                    throw new IllegalArgumentException(input + ": has " + seq.length() + " frames, the model reads "
                            + spec.inputLength());
                }
                float[] predicted = VideoEvaluation.predict(loaded.model(), seq, future, manager);
                write(seq, predicted, spec, manager);
            }
            System.out.println("wrote " + future + " frames to " + out);
            return 0;
        }

        private void write(Clips seq, float[] predicted, ModelSpec spec, NDManager manager) throws Exception {
            Files.createDirectories(out);
            int frame = seq.frameSize();
            int scale = Math.max(1, 128 / spec.height());
            List<BufferedImage> gif = new ArrayList<>();
            for (int t = 0; t < seq.length(); t++) {
                gif.add(FrameImages.sideBySide(List.of(FrameImages.image(seq.data(), t * frame, seq.channels(),
                        seq.height(), seq.width(), scale)), List.of("input " + t)));
            }
            for (int k = 0; k < future; k++) {
                BufferedImage img = FrameImages.image(predicted, k * frame, seq.channels(), seq.height(), seq.width(), 1);
                FrameImages.writePng(img, out.resolve(String.format("pred_%02d.png", k + 1)));
                gif.add(FrameImages.sideBySide(List.of(FrameImages.image(predicted, k * frame, seq.channels(),
                        seq.height(), seq.width(), scale)), List.of("predicted +" + (k + 1))));
            }
            AnimatedGif.write(gif, 150, out.resolve("prediction.gif"));
            try (NDManager m = manager.newSubManager()) {
                NDArray in = m.create(seq.data(), new ai.djl.ndarray.types.Shape(seq.length(), seq.channels(), seq.height(), seq.width()));
                in.setName("input");
                NDArray pr = m.create(predicted, new ai.djl.ndarray.types.Shape(future, seq.channels(), seq.height(), seq.width()));
                pr.setName("prediction");
                NumpyFiles.writeNpz(out.resolve("prediction.npz"), new NDList(in, pr));
            }
        }
    }
}
