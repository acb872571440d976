package dev.augur.cli;

import dev.augur.engine.AugurEngine;
import dev.augur.io.FlagRange;
import dev.augur.nn.Architecture;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.TranslatorLayout;
import dev.augur.train.ScheduledSampling;
import dev.augur.video.FramePredictionConfig;
import dev.augur.video.ResearchRun;
import dev.augur.video.VideoData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of predrnn-pytorch's and e3d_lstm's {@code run.py}: the same flags with the same meanings and
 * defaults (predrnn-pytorch's), so a published training command runs unchanged after {@code augur run}. Boolean
 * flags take 1/0 or True/False as either script does. An unknown flag is an error.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train or test a video predictor with predrnn-pytorch's / e3d_lstm's run.py flags.",
            "Data: --dataset_name mnist with predrnn-format .npz files (see `augur data moving-mnist`),",
            "or action with a KTH folder (<action>/personXX_<action>_dN_uncomp/image_NNNN.jpg)."
        })
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--is_training",
            defaultValue = "1",
            description = "1/True: train; 0/False: test --pretrained_model")
    String isTraining;

    @Option(
            names = "--device",
            defaultValue = "cpu:0",
            description = "cpu:0 (default); cuda needs a CUDA libtorch (see README)")
    String device;

    @Option(
            names = "--dataset_name",
            defaultValue = "mnist",
            description = "mnist (predrnn-format .npz files) or action (KTH frames)")
    String datasetName;

    @Option(
            names = "--train_data_paths",
            description = "training data (default: data/moving-mnist-example/moving-mnist-train.npz; in test mode,"
                    + " unused: --valid_data_paths)")
    Path trainData;

    @Option(names = "--valid_data_paths", defaultValue = "data/moving-mnist-example/moving-mnist-valid.npz")
    Path validData;

    @Option(
            names = "--save_dir",
            defaultValue = "checkpoints/mnist_predrnn",
            description = "snapshots model.ckpt-<itr>/")
    Path saveDir;

    @Option(
            names = "--gen_frm_dir",
            defaultValue = "results/mnist_predrnn",
            description = "<itr>/<k>/gt*.png, pd*.png, metrics")
    Path genFrmDir;

    @FlagRange(min = 1, max = 1000)
    @Option(names = "--input_length", defaultValue = "10")
    int inputLength;

    @FlagRange(min = 1, max = 1000)
    @Option(names = "--total_length", defaultValue = "20")
    int totalLength;

    @FlagRange(min = 4, max = 4096)
    @Option(names = "--img_width", defaultValue = "64")
    int imgWidth;

    @FlagRange(min = 1, max = 64)
    @Option(names = "--img_channel", defaultValue = "1")
    int imgChannel;

    @Option(
            names = "--model_name",
            defaultValue = "predrnn",
            description =
                    "predrnn, predrnn_plus (or predrnn_pp), convlstm, memory_flow (PredRNN paper Eq. 3), e3d_lstm, "
                            + "or OpenSTL's simvp and tau (--num_hidden hid_S,hid_T)")
    String modelName;

    @FlagRange(min = 2, max = 16)
    @Option(
            names = "--N_S",
            defaultValue = "4",
            description = "simvp, tau: encoder (and decoder) layers, even (OpenSTL's N_S; default: ${DEFAULT-VALUE})")
    int spatialLayers;

    @FlagRange(min = 2, max = 64)
    @Option(
            names = "--N_T",
            defaultValue = "8",
            description = "simvp, tau: translator blocks (OpenSTL's N_T; default: ${DEFAULT-VALUE})")
    int translatorBlocks;

    @FlagRange(min = 1, max = 64)
    @Option(
            names = "--mlp_ratio",
            defaultValue = "8",
            description = "simvp, tau: MLP width per block channel (default: ${DEFAULT-VALUE})")
    double mlpRatio;

    @FlagRange(min = 0, max = 100)
    @Option(
            names = "--alpha",
            defaultValue = "0.1",
            description = "tau: weight of the differential divergence regularisation (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(
            names = "--pretrained_model",
            description = "an Augur snapshot folder (save_dir/model.ckpt-N) or model bundle, or a predrnn-pytorch "
                    + "model.ckpt-N file (imported into save_dir/imported.<name>/; read without running any of it)")
    Path pretrained;

    @Option(names = "--num_hidden", defaultValue = "64,64,64,64")
    String numHidden;

    @FlagRange(min = 1, max = 15)
    @Option(names = "--filter_size", defaultValue = "5")
    int filterSize;

    @FlagRange(min = 1, max = 10_000)
    @Option(names = "--stride", defaultValue = "1", description = "only 1 (as every published setting)")
    int stride;

    @FlagRange(min = 1, max = 64)
    @Option(names = "--patch_size", defaultValue = "4")
    int patchSize;

    @Option(names = "--layer_norm", defaultValue = "1")
    String layerNorm;

    @Option(names = "--reverse_scheduled_sampling", defaultValue = "0")
    String reverseScheduledSampling;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--r_sampling_step_1", defaultValue = "25000")
    double rSamplingStep1;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--r_sampling_step_2", defaultValue = "50000")
    long rSamplingStep2;

    @FlagRange(min = 0, minExcluded = true, max = 1e9)
    @Option(names = "--r_exp_alpha", defaultValue = "5000")
    double rExpAlpha;

    @Option(names = "--scheduled_sampling", defaultValue = "1")
    String scheduledSampling;

    @FlagRange(min = 0, max = 100_000_000)
    @Option(names = "--sampling_stop_iter", defaultValue = "50000")
    long samplingStopIter;

    @FlagRange(min = 0, max = 1)
    @Option(names = "--sampling_start_value", defaultValue = "1.0")
    double samplingStartValue;

    @FlagRange(min = 0, max = 1)
    @Option(
            names = {"--sampling_changing_rate", "--sampling_delta_per_iter"},
            defaultValue = "0.00002")
    double samplingChangingRate;

    @FlagRange(min = 0, minExcluded = true, max = 1)
    @Option(names = "--lr", defaultValue = "0.001")
    double lr;

    @Option(names = "--reverse_input", defaultValue = "1")
    String reverseInput;

    @FlagRange(min = 1, max = 4096)
    @Option(names = "--batch_size", defaultValue = "8")
    int batchSize;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--max_iterations", defaultValue = "80000")
    int maxIterations;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--display_interval", defaultValue = "100")
    int displayInterval;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--test_interval", defaultValue = "5000")
    int testInterval;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--snapshot_interval", defaultValue = "5000")
    int snapshotInterval;

    @FlagRange(min = 0, max = 1000)
    @Option(names = "--num_save_samples", defaultValue = "10")
    int numSaveSamples;

    @FlagRange(min = 0, max = 1000)
    @Option(names = "--n_gpu", defaultValue = "1", description = "accepted; Augur runs on one device")
    int nGpu;

    @Option(
            names = "--allow_gpu_growth",
            defaultValue = "True",
            description = "accepted for e3d_lstm's scripts; has no effect")
    String allowGpuGrowth;

    @Option(
            names = "--loss",
            defaultValue = "l2",
            description = "Augur's addition: l2 (predrnn-pytorch's MSE), l1l2 (the papers') or l1l2:<λ>")
    String loss;

    @Option(
            names = "--residual",
            defaultValue = "0",
            description = "Augur's addition: residual links between stacked layers (seed 002)")
    String residual;

    @Option(
            names = "--cell_conv",
            defaultValue = "3d",
            description = "Augur's addition (seed 002's study): 3d (E3D-LSTM) or 2d (its 2D-convolution cell)")
    String cellConv;

    @FlagRange(min = 0, max = Long.MAX_VALUE)
    @Option(names = "--seed", defaultValue = "1", description = "Augur's addition: seeds weights, batches and sampling")
    long seed;

    @Override
    public Integer call() throws Exception {
        ResearchRun.Settings settings = settings();
        startEngine();
        ResearchRun run = new ResearchRun(settings, System.out);
        if (!settings.training()) {
            run.run();
            return 0;
        }
        return StopOnSignal.run(run::requestStop, run::run, r -> {
            if (r.stopped()) {
                System.out.printf(
                        "stopped at iteration %d; continue with --pretrained_model %s%n",
                        r.steps(), ResearchRun.snapshotDir(saveDir, r.steps()));
                return 130;
            }
            System.out.printf(
                    Locale.ROOT,
                    "trained %d iterations, final loss %.6f; model: %s%n",
                    r.steps(),
                    r.finalLoss(),
                    saveDir.resolve("model"));
            return 0;
        });
    }

    ResearchRun.Settings settings() {
        if (stride != 1) {
            throw new IllegalArgumentException(
                    "--stride " + stride + ": only stride 1 is supported (the cells keep the frame size)");
        }
        // predrnn-pytorch's test mode reads only the validation data
        Path train = trainData != null
                ? trainData
                : flag("--is_training", isTraining)
                        ? Path.of("data/moving-mnist-example/moving-mnist-train.npz")
                        : validData;
        VideoData data = switch (datasetName) {
            case "mnist" -> VideoData.npz(train, validData, seed);
            case "action" -> {
                if (!train.toAbsolutePath()
                        .normalize()
                        .equals(validData.toAbsolutePath().normalize())) {
                    throw new IllegalArgumentException(
                            "--dataset_name action reads persons 01-16 and 17-25 from one KTH "
                                    + "folder: give the same path to --train_data_paths and --valid_data_paths");
                }
                yield VideoData.kth(train, imgWidth, seed);
            }
            default ->
                throw new IllegalArgumentException("--dataset_name " + datasetName
                        + ": expected mnist (predrnn-format .npz) or action (a KTH frame folder)");
        };
        List<Architecture> upstream = List.of(
                Architecture.PREDRNN,
                Architecture.PREDRNN_PLUS,
                Architecture.CONVLSTM,
                Architecture.MEMORY_FLOW,
                Architecture.E3D_LSTM,
                Architecture.SIMVP,
                Architecture.TAU);
        // predrnn_pp: the name PredRNN++'s own TensorFlow code gives it
        String id = modelName.equals("predrnn_pp") ? Architecture.PREDRNN_PLUS.id() : modelName;
        Architecture named = upstream.stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--model_name " + modelName + ": expected one of "
                        + upstream.stream().map(Architecture::id).toList()));
        Architecture kind = switch (cellConv) {
            case "3d" -> named;
            case "2d" -> named.isEidetic() ? Architecture.E3D_LSTM_2D : named;
            default -> throw new IllegalArgumentException("--cell_conv must be 2d or 3d, got " + cellConv);
        };
        String architecture = kind.id();
        List<Integer> hidden;
        try {
            hidden = Arrays.stream(numHidden.split(","))
                    .map(String::trim)
                    .map(Integer::parseInt)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--num_hidden must be comma-separated integers, got '" + numHidden + "'");
        }
        if (!cellConv.equals("3d") && !named.isEidetic()) {
            throw new IllegalArgumentException("--cell_conv applies to --model_name e3d_lstm");
        }
        boolean norm = flag("--layer_norm", layerNorm) && kind.hasLayerNorm();
        ModelSpec spec = new ModelSpec(
                architecture,
                imgChannel,
                imgWidth,
                imgWidth,
                patchSize,
                hidden,
                filterSize,
                false,
                flag("--residual", residual),
                norm,
                inputLength,
                kind.usesTranslator() ? new TranslatorLayout(spatialLayers, translatorBlocks, mlpRatio) : null);
        ScheduledSampling sampling;
        if (flag("--reverse_scheduled_sampling", reverseScheduledSampling)) {
            sampling = new ScheduledSampling(
                    1.0, 0, 0, new ScheduledSampling.Reverse((long) rSamplingStep1, rSamplingStep2, rExpAlpha));
        } else if (flag("--scheduled_sampling", scheduledSampling)) {
            sampling = new ScheduledSampling(samplingStartValue, samplingChangingRate, samplingStopIter, null);
        } else {
            sampling = ScheduledSampling.off();
        }
        FramePredictionConfig config = new FramePredictionConfig(
                maxIterations,
                batchSize,
                totalLength,
                lr,
                // OpenSTL's TAU method always adds alpha x its differential divergence regularisation
                kind == Architecture.TAU && !loss.contains("+ddr") ? loss + "+ddr:" + alpha : loss,
                0,
                sampling,
                flag("--reverse_input", reverseInput),
                seed,
                snapshotInterval);
        return new ResearchRun.Settings(
                flag("--is_training", isTraining),
                data,
                spec,
                config,
                saveDir,
                genFrmDir,
                pretrained,
                displayInterval,
                testInterval,
                snapshotInterval,
                numSaveSamples);
    }

    private void startEngine() {
        String d = device.toLowerCase(Locale.ROOT);
        AugurEngine.start(d.startsWith("cuda") || d.startsWith("gpu") ? "gpu" : "cpu");
    }

    /** Python-style boolean flags: 1/0, True/False (any case). */
    static boolean flag(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException(name + " takes 1/0 or True/False, got '" + value + "'");
        };
    }
}
