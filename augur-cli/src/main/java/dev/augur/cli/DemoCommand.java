package dev.augur.cli;

import dev.augur.events.RealFishDemo;
import dev.augur.events.SeriesExperiment;
import dev.augur.io.FlagRange;
import dev.augur.video.BallsDemo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runnable demonstrations of the seeds.",
        subcommands = {DemoCommand.Balls.class, DemoCommand.RealFish.class})
final class DemoCommand {

    @Command(
            name = "balls",
            mixinStandardHelpOptions = true,
            description = "Seed 001: ConvLSTM (5 frames -> 4) vs straight convolutions (1 -> 4) on bouncing balls.")
    static final class Balls implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(
                names = "--out",
                defaultValue = "runs/demo-balls",
                description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--steps",
                defaultValue = "1500",
                description = "training steps per model (default: ${DEFAULT-VALUE})")
        int steps;

        @FlagRange(min = 1, max = 4096)
        @Option(
                names = "--batch-size",
                defaultValue = "16",
                description = "sequences per step (default: ${DEFAULT-VALUE})")
        int batch;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(
                names = "--test-sequences",
                defaultValue = "1200",
                description = "fixed test sequences (default: ${DEFAULT-VALUE})")
        int testSequences;

        @FlagRange(min = 0, max = 1000)
        @Option(
                names = "--gifs",
                defaultValue = "3",
                description = "50-frame rollout GIFs to write (default: ${DEFAULT-VALUE})")
        int gifs;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(
                names = "--seed",
                defaultValue = "1",
                description = "seed of data, weights and sampling (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            engine.start();
            return runDemo(out, new BallsDemo.Settings(steps, batch, testSequences, gifs, 50, seed));
        }
    }

    static int runDemo(Path out, BallsDemo.Settings settings) throws Exception {
        long t0 = System.nanoTime();
        BallsDemo.Result r = BallsDemo.run(out, settings, ConsoleProgress::new);
        System.out.print(BallsDemo.class.getSimpleName() + " results\n");
        System.out.print(Files.readString(out.resolve("summary.md")));
        System.out.printf(
                "%nchart: %s%nmetrics: %s, %s%ngifs: %s%nmodels: %s, %s%ntook %.1f s%n",
                r.chart(),
                out.resolve("metrics.csv"),
                out.resolve("metrics.json"),
                r.gifs(),
                out.resolve("convlstm/model"),
                out.resolve("conv/model"),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    @Command(
            name = "real-fish",
            mixinStandardHelpOptions = true,
            description = {
                "Seed 000's real recording: its published series as CSV files, the parity checks, and the series"
                        + " forecasters trained and chosen on the validation block (a test block, where the "
                        + "folder has one,"
                        + " is scored once at the end).",
                "DIR: ../shared/data/fish-lin2021, or a clone of the seed repository (M-Lin-DM/"
                        + "Convolutional-LSTMs-for-Motion-Forcasting: its targets/ folder)."
            })
    static final class RealFish implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Option(names = "--from", required = true, description = "the data folder (DIR above)")
        Path from;

        @Option(
                names = "--out",
                defaultValue = "runs/real-fish",
                description = "output folder (default: ${DEFAULT-VALUE})")
        Path out;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--steps",
                defaultValue = "1500",
                description = "training steps per candidate (default: ${DEFAULT-VALUE})")
        int steps;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() throws Exception {
            engine.start();
            long t0 = System.nanoTime();
            RealFishDemo.run(from, out, SeriesExperiment.Settings.demoGrid(steps, seed), ConsoleProgress::new);
            System.out.print(Files.readString(out.resolve("summary.md")));
            System.out.printf(
                    "%nseries: %s%nmodel: %s%nreport: %s%ntook %.0f s%n",
                    out.resolve("series"),
                    out.resolve("run/model"),
                    out.resolve("run/report.html"),
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
