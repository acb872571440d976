package dev.augur.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.augur.data.AtomicFiles;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.train.FrameLoss;
import dev.augur.train.Objective;
import dev.augur.train.ProgressListener;
import dev.augur.train.ScheduledSampling;
import dev.augur.train.TrainConfig;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ConvLSTM train step of the PredRNN setting (batch 8, 10 → 10 frames of 64×64 with patch 4, 2 layers × 64
 * hidden, 5×5 filters, MSE, Adam, scheduled-sampling mask at η = 0.5), timed through our one training loop and,
 * in the same run, through the same network in PyTorch ({@code reference/bench_convlstm.py}). Reported as the
 * median step time, peak resident memory and the DJL/PyTorch time ratio.
 */
public final class TrainStepBench {
    public static final ModelSpec SPEC = new ModelSpec("convlstm", 1, 64, 64, 4, List.of(64, 64), 5, false, false, false, 10);
    public static final int BATCH = 8;
    public static final int LENGTH = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainStepBench() {}

    /** One side of the comparison; NaN where not measured. */
    public record Side(String engine, double medianSeconds, double minSeconds, double peakMb, int threads, String note) {}

    public record Report(Side djl, Side pytorch, double timeRatio, double memoryRatio) {
        public String describe() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "ConvLSTM train step, batch %d, %d->%d frames, 64x64 patch 4, 2x64 hidden, 5x5%n",
                    BATCH, 10, 10));
            for (Side s : List.of(djl, pytorch)) {
                b.append(String.format(Locale.ROOT, "  %-22s median %.3f s/step (min %.3f), peak RSS %.0f MB, %d threads %s%n",
                        s.engine(), s.medianSeconds(), s.minSeconds(), s.peakMb(), s.threads(), s.note()));
            }
            if (Double.isNaN(timeRatio)) {
                b.append("  ratio: not measured (").append(pytorch.note()).append(")\n");
            } else {
                b.append(String.format(Locale.ROOT, "  DJL/PyTorch time ratio %.3f (goal <= 1.10), peak memory ratio %.2f%n",
                        timeRatio, memoryRatio));
            }
            return b.toString();
        }
    }

    /**
     * Alternates rounds of DJL and PyTorch steps so that drift in the machine's speed (a shared VM) falls on both
     * sides alike; medians are over all timed steps of all rounds.
     */
    public static Report run(int steps, int warmup, int rounds, String python, Path script, Path out) throws IOException {
        List<Double> djlTimes = new ArrayList<>();
        List<Double> torchTimes = new ArrayList<>();
        Side torch = null;
        int perRound = Math.max(1, steps / rounds);
        for (int r = 0; r < rounds; r++) {
            djlTimes.addAll(measureDjl(perRound, warmup));
            Side t = measurePyTorch(perRound, warmup, python, script, torchTimes);
            torch = torch == null || !t.note().isEmpty() ? t : torch;
            if (!t.note().isEmpty()) {
                break;
            }
        }
        double[] d = djlTimes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Side djl = new Side("DJL " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion(), median(d), d[0],
                ProcessMemory.peakMb(), AugurEngine.threads(), "");
        if (torch.note().isEmpty()) {
            double[] t = torchTimes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            torch = new Side(torch.engine(), median(t), t[0], torch.peakMb(), torch.threads(), "");
        }
        Report rep = new Report(djl, torch, djl.medianSeconds() / torch.medianSeconds(), djl.peakMb() / torch.peakMb());
        AtomicFiles.writeString(out, JSON.writeValueAsString(rep));
        return rep;
    }

    static List<Double> measureDjl(int steps, int warmup) throws IOException {
        AugurEngine.cpu();
        float[] clipData = randomClip(new SplittableRandom(3));
        List<Long> times = new ArrayList<>();
        TrainConfig config = new TrainConfig(warmup + steps, BATCH, LENGTH, 1e-3, "l2", 0, ScheduledSampling.linear(0.5, 0), false, 3,
                Integer.MAX_VALUE);
        ScheduledSampling sampling = config.sampling();
        Path scratch = Files.createTempDirectory("augur-bench");
        Path ckpt = scratch.resolve("checkpoint.npz");
        try (NDManager manager = NDManager.newBaseManager();
             FramePredictor model = FramePredictor.create(SPEC, manager, 3)) {
            Objective objective = (m, step) -> {
                NDArray clip = m.create(clipData, new ai.djl.ndarray.types.Shape(BATCH, LENGTH, 1, 64, 64));
                NDArray mask = sampling.mask(m, 3, step, BATCH, SPEC.inputLength(), LENGTH);
                return FrameLoss.of("l2", model.forward(clip, mask), clip.get(new NDIndex(":, 1:")));
            };
            long[] last = {System.nanoTime()};
            ProgressListener timer = new ProgressListener() {
                @Override
                public void stepped(long step, long total, float loss) {
                    long now = System.nanoTime();
                    if (step > warmup) {
                        times.add(now - last[0]);
                    }
                    last[0] = now;
                }
            };
            new TrainingLoop(model.weights(), objective, config, ckpt, timer).run(false);
        } finally {
            Files.deleteIfExists(ckpt);
            Files.deleteIfExists(scratch);
        }
        return times.stream().map(t -> t / 1e9).toList();
    }

    static Side measurePyTorch(int steps, int warmup, String python, Path script, List<Double> times) {
        if (!Files.isRegularFile(script)) {
            return skipped(script + " not found");
        }
        try {
            Process p = new ProcessBuilder(python, script.toString(), "--steps", Integer.toString(steps), "--warmup",
                    Integer.toString(warmup), "--threads", Integer.toString(AugurEngine.threads()))
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] stdout = p.getInputStream().readAllBytes();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String why = stderr.contains("No module named 'torch'") ? "PyTorch not installed: apt-get install python3-torch"
                        : "reference failed: " + lastLine(stderr);
                return skipped(why);
            }
            JsonNode j = JSON.readTree(new String(stdout, StandardCharsets.UTF_8));
            j.path("times_s").forEach(t -> times.add(t.asDouble()));
            return new Side("PyTorch " + j.path("torch").asText(), j.path("median_s").asDouble(),
                    j.path("min_s").asDouble(), j.path("peak_rss_mb").asDouble(), j.path("threads").asInt(), "");
        } catch (IOException e) {
            return skipped(python + " could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skipped("interrupted");
        }
    }

    private static Side skipped(String why) {
        return new Side("PyTorch", Double.NaN, Double.NaN, Double.NaN, 0, "skipped: " + why);
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private static float[] randomClip(SplittableRandom rng) {
        float[] d = new float[BATCH * LENGTH * 64 * 64];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextDouble();
        }
        return d;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
