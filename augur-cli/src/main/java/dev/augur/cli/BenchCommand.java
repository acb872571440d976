package dev.augur.cli;

import dev.augur.bench.BehaviorBench;
import dev.augur.bench.ForecastBench;
import dev.augur.bench.TrainStepBench;
import dev.augur.io.AtomicFiles;
import dev.augur.io.FlagRange;
import dev.augur.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Time the ConvLSTM and ST-LSTM (PredRNN) train steps (batch 8, 10->10 frames, 64x64 patch 4, 2x64"
                + " hidden, 5x5; and E3D-LSTM, SimVP, TAU on request) in DJL and, in the same run, in PyTorch"
                + " (reference/, Debian's python3-torch): time per"
                + " 100 batches, peak memory, DJL/PyTorch and PredRNN/ConvLSTM ratios. Then live burst"
                + " forecasting at 120x160: frames/s and per-frame latency of the windowed and the stateful model.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @FlagRange(min = 1, max = 100_000_000)
    @Option(
            names = "--steps",
            defaultValue = "30",
            description = "timed steps in all, per engine (default: ${DEFAULT-VALUE})")
    int steps;

    @FlagRange(min = 0, max = 1000)
    @Option(names = "--warmup", defaultValue = "3", description = "untimed steps per round (default: ${DEFAULT-VALUE})")
    int warmup;

    @FlagRange(min = 1, max = 10_000)
    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "alternating DJL/PyTorch rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(
            names = "--python",
            defaultValue = "/usr/bin/python3",
            description = "python with torch (default: ${DEFAULT-VALUE})")
    String python;

    @Option(
            names = "--reference",
            defaultValue = "reference/bench_cells.py",
            description = "(default: ${DEFAULT-VALUE})")
    Path reference;

    @Option(
            names = "--cells",
            defaultValue = "convlstm,predrnn,e3d_lstm",
            split = ",",
            description = "convlstm, predrnn, e3d_lstm, simvp, tau (default: ${DEFAULT-VALUE})")
    List<String> cells;

    @Option(
            names = "--openstl",
            description = "a checkout of chengtan9907/OpenSTL: PyTorch's side of simvp and tau is its own SimVP_Model")
    Path openstl;

    @Option(names = "--out", defaultValue = "runs/bench/bench.json", description = "(default: ${DEFAULT-VALUE})")
    Path out;

    @FlagRange(min = 0, max = 1e6)
    @Option(
            names = "--forecast-seconds",
            defaultValue = "60",
            description = "seconds of simulated video for the live-forecast speed bench; 0 skips it (default: "
                    + "${DEFAULT-VALUE})")
    double forecastSeconds;

    @Option(names = "--skip-train-step", description = "skip the DJL/PyTorch train-step comparison")
    boolean skipTrainStep;

    @Option(names = "--skip-behavior", description = "skip the CNN-LSTM (behaviour) DJL/PyTorch comparison")
    boolean skipBehavior;

    @Option(
            names = "--behavior-reference",
            defaultValue = "reference/bench_behavior.py",
            description = "(default: ${DEFAULT-VALUE})")
    Path behaviorReference;

    @Override
    public Integer call() throws Exception {
        engine.start();
        if (!skipTrainStep) {
            TrainStepBench.Report r = TrainStepBench.run(cells, steps, warmup, rounds, python, reference, openstl, out);
            System.out.println(r.describe());
        }
        if (!skipBehavior) {
            var modes = BehaviorBench.run(steps, warmup, rounds, python, behaviorReference);
            System.out.println(BehaviorBench.describe(modes));
            Files.createDirectories(out.toAbsolutePath().getParent());
            AtomicFiles.writeString(
                    out.resolveSibling("behavior.json"), Json.mapper().writeValueAsString(modes));
        }
        if (forecastSeconds > 0) {
            var speeds = ForecastBench.run(forecastSeconds, out.toAbsolutePath().getParent());
            System.out.println(ForecastBench.describe(speeds));
            AtomicFiles.writeString(
                    out.resolveSibling("forecast.json"), Json.mapper().writeValueAsString(speeds));
        }
        return 0;
    }
}
