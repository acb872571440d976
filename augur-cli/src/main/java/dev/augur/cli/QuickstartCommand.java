package dev.augur.cli;

import dev.augur.events.ForecastComparison;
import dev.augur.events.SimulatorStudy;
import dev.augur.io.FlagRange;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: the fish burst forecasters end to end on a simulated tank calibrated to seed 000's real one —
 * simulate, label, check realism, train the video and the series forecaster, score both beside the baseline,
 * report — under runs/quickstart/.
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description =
                "Simulate a fish tank calibrated to seed 000's real one, label bursts, train the video ConvLSTM and"
                        + " the series forecaster, score both beside seed 000's baseline on the held-out test "
                        + "block (against"
                        + " the labels and the true chase onsets) and write HTML reports (runs/quickstart/).")
final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(
            names = "--out",
            defaultValue = "runs/quickstart",
            description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @FlagRange(min = 0, minExcluded = true, max = 1e6)
    @Option(
            names = "--minutes",
            defaultValue = "30",
            description = "minutes of simulated video (default: ${DEFAULT-VALUE}, as seed 000)")
    double minutes;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(
            names = "--steps",
            defaultValue = "3000",
            description = "video ConvLSTM training steps (default: ${DEFAULT-VALUE})")
    int steps;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(
            names = "--series-steps",
            defaultValue = "1500",
            description = "series forecaster steps per candidate (default: ${DEFAULT-VALUE})")
    int seriesSteps;

    @FlagRange(min = 0, max = Long.MAX_VALUE)
    @Option(names = "--seed", defaultValue = "1", description = "simulator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!(minutes >= 3)) {
            throw new IllegalArgumentException(
                    "--minutes must be at least 3 (the test block is the last tenth), got " + minutes);
        }
        engine.start();
        long t0 = System.nanoTime();
        SimulatorStudy.SeedResult r =
                SimulatorStudy.runSeed(seed, minutes * 60, steps, seriesSteps, out, System.out, ConsoleProgress::new);
        System.out.print("\n" + ForecastComparison.table(r.labels()) + "\n" + ForecastComparison.table(r.chases()));
        System.out.printf(
                Locale.ROOT,
                "%nreports: %s (video model), %s, %s%nmodels: %s, %s%ntook %.1f s%n",
                out.resolve("run/report.html"),
                out.resolve("test-labels/report.html"),
                out.resolve("test-chases/report.html"),
                out.resolve("run/model"),
                out.resolve("series/model"),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
