package dev.augur.cli;

import dev.augur.io.FlagRange;
import dev.augur.nn.Architecture;
import dev.augur.nn.ModelSpec;
import dev.augur.train.ScheduledSampling;
import dev.augur.video.FramePredictionConfig;
import dev.augur.video.VideoStudy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "study",
        mixinStandardHelpOptions = true,
        description = "Seed 002's E3D-LSTM study on one dataset: 3D vs 2D cell convolutions, residual links, the L1/L2 "
                + "balance, and fine-tuning with residual links; one budget for all, resumable (re-run the "
                + "same command). "
                + "Writes study.md/csv, study.png and metrics.*")
final class VideoStudyCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Mixin
    VideoDataOptions data;

    @Option(names = "--out", required = true, description = "study folder (one run folder per variant)")
    Path out;

    @FlagRange(min = 1, max = 1024)
    @Option(
            names = "--hidden",
            defaultValue = "16,16",
            split = ",",
            description = "channels per layer (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @FlagRange(min = 1, max = 15)
    @Option(
            names = "--filter",
            defaultValue = "5",
            description = "spatial kernel (default: ${DEFAULT-VALUE}, seed 002's)")
    int filter;

    @FlagRange(min = 1, max = 64)
    @Option(
            names = "--patch",
            defaultValue = "4",
            description = "space-to-depth patch size (default: ${DEFAULT-VALUE})")
    int patch;

    @Option(
            names = "--layer-norm",
            defaultValue = "true",
            negatable = true,
            description = "layer normalisation in the cells (default: on, as seed 002)")
    boolean layerNorm;

    @FlagRange(min = 1, max = 1000)
    @Option(names = "--input-length", defaultValue = "10", description = "J (default: ${DEFAULT-VALUE})")
    int inputLength;

    @FlagRange(min = 1, max = 1000)
    @Option(names = "--future", defaultValue = "10", description = "K (default: ${DEFAULT-VALUE})")
    int future;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(
            names = "--steps",
            defaultValue = "300",
            description = "training steps per variant (default: ${DEFAULT-VALUE})")
    int steps;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--fine-tune-steps", description = "steps of the residual fine-tuning (default: half of --steps)")
    Integer fineTuneSteps;

    @FlagRange(min = 1, max = 4096)
    @Option(names = "--batch-size", defaultValue = "8", description = "(default: ${DEFAULT-VALUE})")
    int batch;

    @FlagRange(min = 0, minExcluded = true, max = 1)
    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @FlagRange(min = 0, max = 1e6)
    @Option(
            names = "--clip-norm",
            defaultValue = "0",
            description = "global gradient-norm limit, 0 = off (default: ${DEFAULT-VALUE})")
    double clipNorm;

    @FlagRange(min = 1, max = 1_000_000)
    @Option(names = "--sequences", defaultValue = "500", description = "test sequences (default: ${DEFAULT-VALUE})")
    int sequences;

    @FlagRange(min = 0, max = Long.MAX_VALUE)
    @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--variants",
            split = ",",
            description = "rows of the grid to train and score (default: all; the base, 3d, always among them),"
                    + " e.g. --variants 3d to repeat the base row with other seeds")
    List<String> variants;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(names = "--checkpoint-every", defaultValue = "50", description = "(default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Override
    public Integer call() throws Exception {
        ModelSpec base = new ModelSpec(
                Architecture.E3D_LSTM.id(),
                data.channels(),
                data.side(),
                data.side(),
                patch,
                hidden,
                filter,
                false,
                false,
                layerNorm,
                inputLength);
        FramePredictionConfig training = new FramePredictionConfig(
                steps,
                batch,
                inputLength + future,
                lr,
                "l1l2:0.5",
                clipNorm,
                ScheduledSampling.linear(1.0, 1.0 / Math.max(1, 0.75 * steps)),
                false,
                seed,
                checkpointEvery);
        VideoStudy.Settings settings = new VideoStudy.Settings(
                data.data(seed),
                base,
                training,
                fineTuneSteps != null ? fineTuneSteps : Math.max(1, steps / 2),
                sequences);
        engine.start();
        Files.createDirectories(out);
        VideoStudy study = variants == null
                ? new VideoStudy(settings, out)
                : new VideoStudy(settings, out, VideoStudy.variants(variants));
        return StopOnSignal.run(study::requestStop, () -> study.run(name -> new ConsoleProgress(name)), rows -> {
            if (rows == null) {
                System.out.println("stopped; re-run the same command to continue from the checkpoints under " + out);
                return 130;
            }
            System.out.print(Files.readString(out.resolve("study.md")));
            System.out.println("study: " + out.resolve("study.md") + ", " + out.resolve("study.png"));
            return 0;
        });
    }
}
