package dev.augur.cli;

import dev.augur.eval.FrameMetrics;
import dev.augur.io.FlagRange;
import dev.augur.nn.Architecture;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.TranslatorLayout;
import dev.augur.train.Checkpoint;
import dev.augur.train.ScheduledSampling;
import dev.augur.video.FramePredictionConfig;
import dev.augur.video.UpstreamCheckpoint;
import dev.augur.video.VideoComparison;
import dev.augur.video.VideoData;
import dev.augur.video.VideoPrediction;
import dev.augur.video.VideoTraining;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "video",
        mixinStandardHelpOptions = true,
        description = "Video prediction: the next K frames from the last J.",
        subcommands = {
            VideoCommand.Train.class,
            VideoCommand.Test.class,
            VideoCommand.Predict.class,
            VideoCommand.Compare.class,
            VideoCommand.Import.class,
            VideoCommand.Export.class,
            VideoStudyCommand.class,
            VideoRaceCommand.class
        })
final class VideoCommand {

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "Train a frame predictor on generated bouncing balls or Moving MNIST; writes a resumable "
                    + "run folder.")
    static final class Train implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--out", required = true, description = "run folder (checkpoint.npz, losses.csv, model/)")
        Path out;

        @Option(
                names = "--model",
                defaultValue = "convlstm",
                description = "convlstm, predrnn, predrnn_plus, memory_flow, e3d_lstm, e3d_lstm_2d, conv, simvp or tau "
                        + "(default: ${DEFAULT-VALUE}; simvp and tau take --hidden ENCODER,TRANSLATOR, e.g. 64,512)")
        String architecture;

        @FlagRange(min = 2, max = 16)
        @Option(
                names = "--spatial-layers",
                defaultValue = "4",
                description = "simvp, tau: encoder (and decoder) layers, even; every second halves the frame "
                        + "(default: ${DEFAULT-VALUE})")
        int spatialLayers;

        @FlagRange(min = 2, max = 64)
        @Option(
                names = "--translator-blocks",
                defaultValue = "8",
                description = "simvp, tau: translator blocks (default: ${DEFAULT-VALUE})")
        int translatorBlocks;

        @FlagRange(min = 1, max = 64)
        @Option(
                names = "--mlp-ratio",
                defaultValue = "8",
                description = "simvp, tau: MLP width per block channel (default: ${DEFAULT-VALUE})")
        double mlpRatio;

        @FlagRange(min = 1, max = 1024)
        @Option(
                names = "--hidden",
                defaultValue = "32,32",
                split = ",",
                description = "channels per layer (default: ${DEFAULT-VALUE})")
        List<Integer> hidden;

        @FlagRange(min = 1, max = 15)
        @Option(names = "--filter", defaultValue = "5", description = "kernel size (default: ${DEFAULT-VALUE})")
        int filter;

        @FlagRange(min = 1, max = 64)
        @Option(
                names = "--patch",
                defaultValue = "2",
                description = "space-to-depth patch size (default: ${DEFAULT-VALUE})")
        int patch;

        @Option(names = "--peephole", description = "ConvLSTM peephole connections")
        boolean peephole;

        @Option(names = "--residual", description = "residual links between stacked layers")
        boolean residual;

        @Option(names = "--layer-norm", description = "layer normalisation inside ST-LSTM cells (predrnn)")
        boolean layerNorm;

        @FlagRange(min = 1, max = 1000)
        @Option(
                names = "--input-length",
                defaultValue = "5",
                description = "J, frames read (default: ${DEFAULT-VALUE}; conv reads 1)")
        int inputLength;

        @FlagRange(min = 1, max = 1000)
        @Option(names = "--future", defaultValue = "4", description = "K, frames predicted (default: ${DEFAULT-VALUE})")
        int future;

        @Mixin
        VideoDataOptions data;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(names = "--steps", defaultValue = "2000", description = "training steps (default: ${DEFAULT-VALUE})")
        int steps;

        @FlagRange(min = 1, max = 4096)
        @Option(names = "--batch-size", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
        int batch;

        @FlagRange(min = 0, minExcluded = true, max = 1)
        @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
        double lr;

        @Option(
                names = "--loss",
                description = "l2, l1l2 (L1+L2) or l1l2:λ (λ·L1+(1−λ)·L2), optionally +ddr[:α] (TAU's differential "
                        + "divergence regularisation, α 0.1) (default: l2; tau: l2+ddr)")
        String loss;

        @FlagRange(min = 0, max = 1e6)
        @Option(
                names = "--clip-norm",
                defaultValue = "1.0",
                description = "global gradient-norm limit, 0 = off (default: ${DEFAULT-VALUE})")
        double clipNorm;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--sampling-start",
                defaultValue = "1.0",
                description = "scheduled sampling: initial eta (default: ${DEFAULT-VALUE})")
        double samplingStart;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--sampling-delta",
                description = "eta falls this much per step (default: to 0 at 3/4 of the steps)")
        Double samplingDelta;

        @Option(
                names = "--reverse-sampling",
                description =
                        "reverse scheduled sampling (PredRNN-V2), switching over the 1st to 2nd third of the steps")
        boolean reverseSampling;

        @Option(names = "--reverse-input", description = "also train on every clip played backwards")
        boolean reverseInput;

        @Option(
                names = "--init-from",
                description = "start from this bundle's weights (fine-tuning, e.g. with --residual)")
        Path initFrom;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(names = "--checkpoint-every", defaultValue = "200", description = "(default: ${DEFAULT-VALUE})")
        int checkpointEvery;

        @Option(names = "--resume", description = "continue from the run folder's checkpoint")
        boolean resume;

        @Override
        public Integer call() throws Exception {
            Architecture kind = Architecture.of(architecture);
            int j = kind.readsOneFrame() ? 1 : inputLength;
            ModelSpec spec = new ModelSpec(
                    architecture,
                    data.channels(),
                    data.side(),
                    data.side(),
                    patch,
                    hidden,
                    filter,
                    peephole,
                    residual,
                    layerNorm,
                    j,
                    kind.usesTranslator() ? new TranslatorLayout(spatialLayers, translatorBlocks, mlpRatio) : null);
            double delta = samplingDelta != null ? samplingDelta : 1.0 / Math.max(1, 0.75 * steps);
            ScheduledSampling sampling = reverseSampling
                    ? new ScheduledSampling(
                            1.0,
                            0,
                            0,
                            new ScheduledSampling.Reverse(
                                    steps / 3, Math.max(steps / 3 + 1, 2 * steps / 3), Math.max(1, steps / 15.0)))
                    : ScheduledSampling.linear(samplingStart, delta);
            FramePredictionConfig config = new FramePredictionConfig(
                    steps,
                    batch,
                    j + future,
                    lr,
                    loss != null ? loss : kind == Architecture.TAU ? "l2+ddr" : "l2",
                    clipNorm,
                    sampling,
                    reverseInput,
                    seed,
                    checkpointEvery);
            engine.start();
            VideoTraining training =
                    new VideoTraining(data.data(seed), spec, config, out, new ConsoleProgress(architecture));
            if (initFrom != null) {
                training.startingFrom(initFrom);
            }
            if (resume) {
                Checkpoint.requireForResume(training.checkpoint());
            }
            return StopOnSignal.run(training::requestStop, () -> training.run(resume), r -> {
                if (r.stopped()) {
                    System.out.printf(
                            "stopped at step %d; checkpoint %s (continue with --resume)%n",
                            r.steps(), training.checkpoint());
                    return 130;
                }
                System.out.printf(
                        Locale.ROOT,
                        "trained %d steps, final loss %.6f%nmodel: %s%n",
                        r.steps(),
                        r.finalLoss(),
                        training.bundle());
                return 0;
            });
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Score one saved model on its fixed test set, beside copy-last-frame.")
    static final class Test implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "model bundle folder")
        Path model;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(names = "--sequences", defaultValue = "1200", description = "(default: ${DEFAULT-VALUE})")
        int sequences;

        @FlagRange(min = 1, max = 1000)
        @Option(names = "--future", defaultValue = "4", description = "frames to predict (default: ${DEFAULT-VALUE})")
        int future;

        @Option(
                names = "--out",
                description = "folder for metrics.csv/json (default: the bundle; also updates its metrics.json)")
        Path out;

        @FlagRange(min = 1, max = 10)
        @Option(
                names = "--digits",
                description = "Moving MNIST: test on this many digits per sequence (3 = the MNIST-3 transfer test)")
        Integer digits;

        @Override
        public Integer call() throws Exception {
            engine.start();
            return compare(List.of(model), sequences, future, out != null ? out : model, digits == null, digits);
        }
    }

    @Command(
            name = "compare",
            mixinStandardHelpOptions = true,
            description = "Score several saved models on the same test set; table, chart and rollout GIF.")
    static final class Compare implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "model bundle folders (repeat the flag)")
        List<Path> models;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(names = "--sequences", defaultValue = "1200", description = "(default: ${DEFAULT-VALUE})")
        int sequences;

        @FlagRange(min = 1, max = 1000)
        @Option(names = "--future", defaultValue = "4", description = "(default: ${DEFAULT-VALUE})")
        int future;

        @Option(names = "--out", required = true, description = "output folder")
        Path out;

        @FlagRange(min = 1, max = 10)
        @Option(
                names = "--digits",
                description = "Moving MNIST: test on this many digits per sequence (3 = the MNIST-3 transfer test)")
        Integer digits;

        @Override
        public Integer call() throws Exception {
            engine.start();
            return compare(models, sequences, future, out, false, digits);
        }
    }

    static int compare(List<Path> bundles, int sequences, int future, Path out, boolean saveIntoBundle, Integer digits)
            throws Exception {
        VideoComparison.Result r = VideoComparison.run(bundles, sequences, future, out, saveIntoBundle, digits);
        printTable(r.metrics());
        for (FrameMetrics.Difference d : r.differences()) {
            System.out.printf(
                    Locale.ROOT,
                    "%s - %s: MSE per frame %+.3f [%.3f, %.3f] (paired over sequences)%n",
                    d.model(),
                    d.reference(),
                    d.mse().mean(),
                    d.mse().low(),
                    d.mse().high());
        }
        System.out.println("metrics: " + out.resolve("metrics.csv") + ", " + out.resolve("metrics.json"));
        return 0;
    }

    static void printTable(List<FrameMetrics.Summary> metrics) {
        System.out.printf(
                "%-40s %5s %22s %10s %8s %7s %9s%n",
                "model", "step", "MSE/frame [95% CI]", "MAE/frame", "PSNR dB", "SSIM", "CE/frame");
        for (FrameMetrics.Summary m : metrics) {
            for (FrameMetrics.Step s : m.steps()) {
                System.out.printf(
                        Locale.ROOT,
                        "%-40s %5d %8.3f [%6.3f,%6.3f] %10.3f %8.2f %7.4f %9.2f%n",
                        m.model(),
                        s.step(),
                        s.mse().mean(),
                        s.mse().low(),
                        s.mse().high(),
                        s.mae().mean(),
                        s.psnr().mean(),
                        s.ssim().mean(),
                        s.crossEntropy().mean());
            }
        }
        for (FrameMetrics.Summary m : metrics) {
            m.thresholds()
                    .forEach(c -> System.out.printf(
                            Locale.ROOT,
                            "%-40s intensity >= %.3f: CSI %.4f  POD %.4f  FAR %.4f%n",
                            m.model(),
                            c.threshold(),
                            c.csi(),
                            c.pod(),
                            c.far()));
        }
    }

    @Command(
            name = "predict",
            mixinStandardHelpOptions = true,
            description = "Predict the next frames of a sequence (.npy, predrnn .npz, or a folder of PNGs) with a "
                    + "saved model.")
    static final class Predict implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "model bundle folder")
        Path model;

        @Option(names = "--input", required = true, description = ".npy / .npz file or folder of PNG frames")
        Path input;

        @FlagRange(min = 1, max = 1000)
        @Option(names = "--future", defaultValue = "10", description = "frames to predict (default: ${DEFAULT-VALUE})")
        int future;

        @FlagRange(min = 1, max = 10_000_000)
        @Option(
                names = "--sequence",
                defaultValue = "1",
                description = "which sequence of a file that holds many ([N, T, C, H, W] .npy, mnist_test_seq.npy, "
                        + "predrnn .npz), counted from 1 (default: ${DEFAULT-VALUE})")
        int sequence;

        @Option(
                names = "--out",
                required = true,
                description = "output folder: pred_XX.png, prediction.gif, prediction.npz")
        Path out;

        @Override
        public Integer call() throws Exception {
            engine.start();
            VideoPrediction.Result read = VideoPrediction.run(model, input, sequence - 1, future, out);
            String which = read.count() > 1
                    ? " after sequence " + (read.sequence() + 1) + " of the " + read.count() + " in " + input
                            + " (another: --sequence K)"
                    : "";
            System.out.println("wrote " + future + " frames" + which + " to " + out);
            return 0;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Bring a model trained with predrnn-pytorch (its model.ckpt-N) or OpenSTL (PredRNN,"
                    + " PredRNN++, ConvLSTM, SimVP, TAU) into an Augur bundle, for video predict, test and compare."
                    + " The checkpoint is read without running any of it: a pickle that names anything but tensors"
                    + " is refused.")
    static final class Import implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(
                names = "--from",
                required = true,
                description = "the checkpoint (either of torch.save's formats: zip or legacy)")
        Path from;

        @Option(
                names = "--format",
                description = "who wrote it: predrnn-pytorch (its PredRNN, the ST-LSTM stack) or openstl (PredRNN,"
                        + " PredRNN++, ConvLSTM, SimVP (gSTA) or TAU; a Lightning .ckpt, a published .pth or a"
                        + " bare state dict) (default: told by the file)")
        String format;

        @FlagRange(min = 4, max = 4096)
        @Option(names = "--img-width", required = true, description = "frame width and height, as --img_width")
        int width;

        @FlagRange(min = 1, max = 64)
        @Option(names = "--img-channel", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        int channels;

        @FlagRange(min = 1, max = 1000)
        @Option(names = "--input-length", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
        int inputLength;

        @FlagRange(min = 2, max = 1000)
        @Option(names = "--total-length", defaultValue = "20", description = "(default: ${DEFAULT-VALUE})")
        int totalLength;

        @Option(
                names = "--test-data",
                required = true,
                description = "the predrnn-format .npz the model is to be tested on (as --valid_data_paths)")
        Path testData;

        @Option(names = "--out", required = true, description = "bundle folder to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            UpstreamCheckpoint.Format whose = format == null ? null : UpstreamCheckpoint.Format.of(format);
            engine.start();
            ModelSpec spec = UpstreamCheckpoint.importBundle(
                    from,
                    whose,
                    new UpstreamCheckpoint.Frames(channels, width, inputLength, totalLength),
                    VideoData.npz(testData, testData, 0),
                    out);
            System.out.printf("imported %s: %s -> %s%n", from, UpstreamCheckpoint.describe(spec), out);
            return 0;
        }
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = "Write an Augur bundle as a predrnn-pytorch checkpoint (ST-LSTM: model.ckpt-N, "
                    + "{'net_param': state_dict}) or an OpenSTL one (PredRNN, PredRNN++, ConvLSTM, SimVP, TAU) in "
                    + "torch.save's "
                    + "zip format, which upstream's code and torch.load(weights_only=True) read.")
    static final class Export implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "the bundle folder (model.json + weights.npz)")
        Path model;

        @Option(
                names = "--format",
                defaultValue = "predrnn-pytorch",
                description = "whose file to write: predrnn-pytorch ({'net_param': state_dict}, for its"
                        + " --pretrained_model) or openstl ({'state_dict': {'model.…'}}, for its load_state_dict)"
                        + " (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--out", required = true, description = "the checkpoint file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            UpstreamCheckpoint.Format whose = UpstreamCheckpoint.Format.of(format);
            engine.start();
            ModelSpec spec = UpstreamCheckpoint.export(model, whose, out);
            System.out.printf("exported %s: %s -> %s%n", model, UpstreamCheckpoint.describe(spec), out);
            return 0;
        }
    }
}
