package dev.augur.bench;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.engine.AugurEngine;
import dev.augur.eval.Quantile;
import dev.augur.events.BurstClassifier;
import dev.augur.events.BurstExperiment;
import dev.augur.events.BurstForecaster;
import dev.augur.events.FishTankSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Live forecasting speed at the seed's scale (120×160 frames, 16 ConvLSTM filters): the windowed model, which
 * reruns its 120-frame window (30 steps) for every frame, against the stateful one, which advances its carried
 * state by one step every 4 frames. Frames/s over a simulated video and the per-frame compute latency (median
 * and 95th percentile), decoding included in frames/s but not in latency. Untrained weights: speed does not
 * depend on their values.
 */
public final class ForecastBench {
    private ForecastBench() {}

    /** One variant's speed. */
    public record Speed(
            String variant, int frames, double framesPerSecond, double medianLatencyMs, double p95LatencyMs) {}

    public static List<Speed> run(double seconds, Path workDir) throws IOException {
        AugurEngine.cpu();
        Files.createDirectories(workDir);
        Path video = workDir.resolve("bench_tank.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), 99).simulate(seconds, video);
        List<Speed> out = new ArrayList<>();
        for (boolean stateful : new boolean[] {false, true}) {
            BurstClassifier.Spec spec = new BurstClassifier.Spec(120, 160, 120, 4, 16, 3, stateful);
            BurstExperiment.Settings settings = new BurstExperiment.Settings(spec, 1, 1, 4, 8e-5, 1, 1, 100);
            try (NDManager manager = NDManager.newBaseManager();
                    BurstForecaster f = BurstForecaster.of(
                            new BurstClassifier(spec, manager, 1),
                            new BurstExperiment.BurstModel(settings, 0.5, null),
                            manager);
                    VideoReader r = VideoReader.open(video, BurstForecaster.readerOptions())) {
                List<Double> latencies = new ArrayList<>();
                long[] last = {System.nanoTime()};
                long t0 = System.nanoTime();
                int frames = f.run(r, 0.5, fc -> {
                    long now = System.nanoTime();
                    if (!Double.isNaN(fc.probability())) {
                        latencies.add((now - last[0]) / 1e6);
                    }
                    last[0] = System.nanoTime();
                });
                double secs = (System.nanoTime() - t0) / 1e9;
                double[] l = latencies.stream()
                        .mapToDouble(Double::doubleValue)
                        .sorted()
                        .toArray();
                out.add(new Speed(
                        stateful ? "stateful (1 step per 4 frames)" : "windowed (30 steps per frame)",
                        frames,
                        frames / secs,
                        Quantile.ofSorted(l, 0.5),
                        Quantile.ofSorted(l, 0.95)));
            }
        }
        return out;
    }

    public static String describe(List<Speed> speeds) {
        StringBuilder b = new StringBuilder("Live burst forecasting at 120x160, 16 filters, 120-frame window, "
                + AugurEngine.threads() + " threads\n");
        for (Speed s : speeds) {
            b.append(String.format(
                    Locale.ROOT,
                    "  %-32s %7.1f frames/s over %d frames; per-frame latency median %.1f ms, p95 %.1f ms%n",
                    s.variant(),
                    s.framesPerSecond(),
                    s.frames(),
                    s.medianLatencyMs(),
                    s.p95LatencyMs()));
        }
        return b.toString();
    }
}
