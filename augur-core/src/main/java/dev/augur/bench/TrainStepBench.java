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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The train step of the PredRNN setting (batch 8, 10 → 10 frames of 64×64 with patch 4, 2 layers × 64 hidden,
 * 5×5 filters, MSE, Adam, scheduled-sampling mask at η = 0.5) for the ConvLSTM, the ST-LSTM and the E3D-LSTM
 * (2×5×5 3D kernels; both with layer norm),
 * timed through our one training loop and, in the same run, through the same network in PyTorch
 * ({@code reference/bench_cells.py}). Each side runs in its own process so that its peak resident memory is its
 * own; DJL and PyTorch rounds alternate so drift in a shared machine's speed falls on both alike. Reported per
 * cell: median step time, time per 100 batches (the PredRNN paper's Table 2), peak RSS and the DJL/PyTorch
 * ratios; across cells, the PredRNN/ConvLSTM ratios the paper reports (1.11× time, 1.35× memory).
 */
public final class TrainStepBench {
    public static final List<String> CELLS = List.of("convlstm", "predrnn", "e3d_lstm");
    public static final int BATCH = 8;
    public static final int LENGTH = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainStepBench() {}

    /**
     * The benched network: 2 layers × 64 for ConvLSTM and ST-LSTM (the PredRNN setting), 2 × 16 for the E3D-LSTM,
     * whose 3D convolutions and growing recall history make a 64-channel step take minutes on 2 cores.
     */
    public static ModelSpec spec(String cell) {
        int h = cell.equals("e3d_lstm") ? 16 : 64;
        return new ModelSpec(cell, 1, 64, 64, 4, List.of(h, h), 5, false, false, !cell.equals("convlstm"), 10);
    }

    /** One side of the comparison; NaN where not measured. */
    public record Side(String engine, double medianSeconds, double minSeconds, double peakMb, int threads, String note) {
        public double secondsPer100Batches() {
            return 100 * medianSeconds;
        }
    }

    /** One cell on both engines. */
    public record CellReport(String cell, Side djl, Side pytorch, double timeRatio, double memoryRatio) {}

    public record Report(List<CellReport> cells) {
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                    "Train step, batch %d, 10->10 frames, 64x64 patch 4, 2x64 hidden (e3d_lstm: 2x16), 5x5 (predrnn, e3d_lstm: + layer norm)%n",
                    BATCH));
            for (CellReport c : cells) {
                for (Side s : List.of(c.djl(), c.pytorch())) {
                    b.append(String.format(Locale.ROOT, "  %-9s %-22s median %.3f s/step = %.1f s/100 batches (min %.3f), "
                                    + "peak RSS %.0f MB, %d threads %s%n", c.cell(), s.engine(), s.medianSeconds(),
                            s.secondsPer100Batches(), s.minSeconds(), s.peakMb(), s.threads(), s.note()));
                }
                b.append(Double.isNaN(c.timeRatio()) ? "  ratio: not measured (" + c.pytorch().note() + ")\n"
                        : String.format(Locale.ROOT, "  %-9s DJL/PyTorch time ratio %.3f (goal <= 1.10), peak memory ratio %.2f%n",
                        c.cell(), c.timeRatio(), c.memoryRatio()));
            }
            CellReport conv = find("convlstm");
            CellReport pred = find("predrnn");
            if (conv != null && pred != null) {
                b.append(String.format(Locale.ROOT, "  PredRNN/ConvLSTM: DJL time %.2fx memory %.2fx; PyTorch time %.2fx memory %.2fx"
                                + " (paper, TensorFlow on a GPU: 1.11x, 1.35x)%n",
                        pred.djl().medianSeconds() / conv.djl().medianSeconds(), pred.djl().peakMb() / conv.djl().peakMb(),
                        pred.pytorch().medianSeconds() / conv.pytorch().medianSeconds(),
                        pred.pytorch().peakMb() / conv.pytorch().peakMb()));
            }
            return b.toString();
        }

        private CellReport find(String cell) {
            return cells.stream().filter(c -> c.cell().equals(cell)).findFirst().orElse(null);
        }
    }

    public static Report run(List<String> cells, int steps, int warmup, int rounds, String python, Path script, Path out)
            throws IOException {
        List<CellReport> reports = new ArrayList<>();
        for (String cell : cells) {
            reports.add(runCell(cell, steps, warmup, rounds, python, script));
        }
        Report rep = new Report(reports);
        Files.createDirectories(out.toAbsolutePath().getParent());
        AtomicFiles.writeString(out, JSON.writeValueAsString(rep));
        return rep;
    }

    private static CellReport runCell(String cell, int steps, int warmup, int rounds, String python, Path script)
            throws IOException {
        if (!CELLS.contains(cell)) {
            throw new IllegalArgumentException("bench cells are " + CELLS + ", got " + cell);
        }
        List<Double> djlTimes = new ArrayList<>();
        List<Double> torchTimes = new ArrayList<>();
        Side djl = null;
        Side torch = null;
        int perRound = Math.max(1, steps / rounds);
        List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8g", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + AugurEngine.threads(), "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), TrainStepBench.class.getName());
        for (int r = 0; r < rounds; r++) {
            Side d = child(java, cell, perRound, warmup, djlTimes, "DJL side");
            djl = djl == null || d.peakMb() > djl.peakMb() ? d : djl;
            List<String> py = List.of(python, script.toString());
            Side t = Files.isRegularFile(script) ? child(py, cell, perRound, warmup, torchTimes, "PyTorch reference")
                    : skipped(script + " not found");
            torch = torch == null || !t.note().isEmpty() || t.peakMb() > torch.peakMb() ? t : torch;
            if (!t.note().isEmpty()) {
                break;
            }
        }
        djl = withMedian(djl, djlTimes);
        if (torch.note().isEmpty()) {
            torch = withMedian(torch, torchTimes);
        }
        return new CellReport(cell, djl, torch, djl.medianSeconds() / torch.medianSeconds(), djl.peakMb() / torch.peakMb());
    }

    private static Side withMedian(Side s, List<Double> times) {
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Side(s.engine(), median(t), t[0], s.peakMb(), s.threads(), s.note());
    }

    /** Runs one side in its own process; it prints one JSON line (as reference/bench_cells.py does). */
    private static Side child(List<String> command, String cell, int steps, int warmup, List<Double> times, String what)
            throws IOException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("--cell", cell, "--steps", Integer.toString(steps), "--warmup", Integer.toString(warmup),
                "--threads", Integer.toString(AugurEngine.threads()), "--hidden",
                spec(cell).hidden().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
            byte[] stdout = p.getInputStream().readAllBytes();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String why = stderr.contains("No module named 'torch'") ? "PyTorch not installed: apt-get install python3-torch"
                        : what + " failed: " + lastLine(stderr);
                return skipped(why);
            }
            String text = new String(stdout, StandardCharsets.UTF_8).strip();
            JsonNode j = JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
            j.path("times_s").forEach(t -> times.add(t.asDouble()));
            String engine = j.has("torch") ? "PyTorch " + j.path("torch").asText() : j.path("engine").asText();
            return new Side(engine, j.path("median_s").asDouble(), j.path("min_s").asDouble(),
                    j.path("peak_rss_mb").asDouble(), j.path("threads").asInt(), "");
        } catch (IOException e) {
            return skipped(command.get(0) + " could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skipped("interrupted");
        }
    }

    /** The DJL side in a process of its own: {@code --cell C --steps N --warmup W}; prints one JSON line. */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        String cell = a.getOrDefault("--cell", "convlstm");
        List<Double> times = measureDjl(cell, Integer.parseInt(a.getOrDefault("--steps", "10")),
                Integer.parseInt(a.getOrDefault("--warmup", "3")));
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("median_s", median(t));
        result.put("min_s", t[0]);
        result.put("times_s", times);
        result.put("peak_rss_mb", ProcessMemory.peakMb());
        result.put("engine", "DJL " + ai.djl.engine.Engine.getEngine("PyTorch").getVersion());
        result.put("threads", AugurEngine.threads());
        System.out.println(new ObjectMapper().writeValueAsString(result));
    }

    static List<Double> measureDjl(String cell, int steps, int warmup) throws IOException {
        AugurEngine.cpu();
        ModelSpec spec = spec(cell);
        float[] clipData = randomClip(new SplittableRandom(3));
        List<Long> times = new ArrayList<>();
        TrainConfig config = new TrainConfig(warmup + steps, BATCH, LENGTH, 1e-3, "l2", 0, ScheduledSampling.linear(0.5, 0),
                false, 3, Integer.MAX_VALUE);
        ScheduledSampling sampling = config.sampling();
        Path scratch = Files.createTempDirectory("augur-bench");
        Path ckpt = scratch.resolve("checkpoint.npz");
        try (NDManager manager = NDManager.newBaseManager();
             FramePredictor model = FramePredictor.create(spec, manager, 3)) {
            Objective objective = (m, step) -> {
                NDArray clip = m.create(clipData, new ai.djl.ndarray.types.Shape(BATCH, LENGTH, 1, 64, 64));
                NDArray mask = sampling.mask(m, 3, step, BATCH, spec.inputLength(), LENGTH);
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
