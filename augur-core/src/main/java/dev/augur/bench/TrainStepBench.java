package dev.augur.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.augur.engine.AugurEngine;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.Architecture;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.train.FrameLoss;
import dev.augur.train.Objective;
import dev.augur.train.ScheduledSampling;
import dev.augur.train.TrainingLoop;
import dev.augur.video.FramePredictionConfig;
import dev.augur.video.VideoRace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

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
    public static final List<String> CELLS = List.of(
            Architecture.CONVLSTM.id(),
            Architecture.PREDRNN.id(),
            Architecture.E3D_LSTM.id(),
            Architecture.SIMVP.id(),
            Architecture.TAU.id());
    public static final int BATCH = 8;
    public static final int LENGTH = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainStepBench() {}

    /**
     * The benched network: 2 layers × 64 for ConvLSTM and ST-LSTM (the PredRNN setting), 2 × 16 for the E3D-LSTM,
     * whose 3D convolutions and growing recall history make a 64-channel step take minutes on 2 cores; SimVP and
     * TAU as the equal-time race trains them (widths 32 and 256, 64×64 frames, no patching).
     */
    public static ModelSpec spec(String cell) {
        if (Architecture.of(cell).usesTranslator()) {
            return translator(cell).spec();
        }
        int h = Architecture.of(cell).isEidetic() ? 16 : 64;
        return new ModelSpec(
                cell,
                1,
                64,
                64,
                4,
                List.of(h, h),
                5,
                false,
                false,
                Architecture.of(cell).hasLayerNorm(),
                10);
    }

    private static VideoRace.Entrant translator(String cell) {
        return VideoRace.lineUp(List.of(cell), 1, 64, 10, 10).get(0);
    }

    /** The loss the model trains with: MSE (TAU: + its differential divergence regularisation, as OpenSTL's). */
    static String loss(String cell) {
        return Architecture.of(cell).usesTranslator()
                ? translator(cell).config().apply(1L).loss()
                : "l2";
    }

    /** One cell on both engines. */
    public record CellReport(
            String cell, ReferenceRun.Side djl, ReferenceRun.Side pytorch, double timeRatio, double memoryRatio) {}

    public record Report(List<CellReport> cells) {
        public String describe() {
            StringBuilder b = new StringBuilder(String.format(
                    Locale.ROOT,
                    "Train step, batch %d, 10->10 frames, 64x64 patch 4, 2x64 hidden (e3d_lstm: 2x16), 5x5 "
                            + "(predrnn, e3d_lstm: + layer norm); simvp, tau: OpenSTL's model, widths 32/256, 3x3, "
                            + "no patch%n",
                    BATCH));
            for (CellReport c : cells) {
                for (ReferenceRun.Side s : List.of(c.djl(), c.pytorch())) {
                    b.append(String.format(
                            Locale.ROOT,
                            "  %-9s %-22s median %.3f s/step = %.1f s/100 batches (min %.3f), "
                                    + "peak RSS %.0f MB, %d threads %s%n",
                            c.cell(),
                            s.engine(),
                            s.medianSeconds(),
                            s.secondsPer100Batches(),
                            s.minSeconds(),
                            s.peakMb(),
                            s.threads(),
                            s.note()));
                }
                b.append(
                        Double.isNaN(c.timeRatio())
                                ? "  ratio: not measured (" + c.pytorch().note() + ")\n"
                                : String.format(
                                        Locale.ROOT,
                                        "  %-9s DJL/PyTorch time ratio %.3f (goal <= 1.10), peak memory ratio %.2f%n",
                                        c.cell(),
                                        c.timeRatio(),
                                        c.memoryRatio()));
            }
            CellReport conv = find(Architecture.CONVLSTM.id());
            CellReport pred = find(Architecture.PREDRNN.id());
            if (conv != null && pred != null) {
                b.append(String.format(
                        Locale.ROOT,
                        "  PredRNN/ConvLSTM: DJL time %.2fx memory %.2fx; PyTorch time %.2fx memory %.2fx"
                                + " (paper, TensorFlow on a GPU: 1.11x, 1.35x)%n",
                        pred.djl().medianSeconds() / conv.djl().medianSeconds(),
                        pred.djl().peakMb() / conv.djl().peakMb(),
                        pred.pytorch().medianSeconds() / conv.pytorch().medianSeconds(),
                        pred.pytorch().peakMb() / conv.pytorch().peakMb()));
            }
            return b.toString();
        }

        private CellReport find(String cell) {
            return cells.stream().filter(c -> c.cell().equals(cell)).findFirst().orElse(null);
        }
    }

    /** {@code openstl}: a checkout of OpenSTL, whose own SimVP_Model is PyTorch's side for simvp and tau (or null). */
    public static Report run(
            List<String> cells, int steps, int warmup, int rounds, String python, Path script, Path openstl, Path out)
            throws IOException {
        List<CellReport> reports = new ArrayList<>();
        for (String cell : cells) {
            reports.add(runCell(cell, steps, warmup, rounds, python, script, openstl));
        }
        Report rep = new Report(reports);
        Files.createDirectories(out.toAbsolutePath().getParent());
        AtomicFiles.writeString(out, JSON.writeValueAsString(rep));
        return rep;
    }

    private static CellReport runCell(
            String cell, int steps, int warmup, int rounds, String python, Path script, Path openstl)
            throws IOException {
        if (!CELLS.contains(cell)) {
            throw new IllegalArgumentException("bench cells are " + CELLS + ", got " + cell);
        }
        List<Double> djlTimes = new ArrayList<>();
        List<Double> torchTimes = new ArrayList<>();
        ReferenceRun.Side djl = null;
        ReferenceRun.Side torch = null;
        int perRound = Math.max(1, steps / rounds);
        List<String> args = new ArrayList<>(List.of(
                "--cell",
                cell,
                "--steps",
                Integer.toString(perRound),
                "--warmup",
                Integer.toString(warmup),
                "--threads",
                Integer.toString(AugurEngine.threads()),
                "--hidden",
                spec(cell).hidden().stream().map(String::valueOf).collect(Collectors.joining(","))));
        boolean translator = Architecture.of(cell).usesTranslator();
        if (translator && openstl != null) {
            args.addAll(List.of("--openstl", openstl.toString()));
        }
        for (int r = 0; r < rounds; r++) {
            ReferenceRun.Side d =
                    ReferenceRun.child(ReferenceRun.java(TrainStepBench.class), args, djlTimes, "DJL side");
            djl = djl == null || d.peakMb() > djl.peakMb() ? d : djl;
            ReferenceRun.Side t = !Files.isRegularFile(script)
                    ? ReferenceRun.skipped(script + " not found")
                    : translator && (openstl == null || !Files.isDirectory(openstl))
                            ? ReferenceRun.skipped("PyTorch's side of " + cell + " is OpenSTL's model: pass --openstl"
                                    + " <a checkout of chengtan9907/OpenSTL>")
                            : ReferenceRun.child(
                                    List.of(python, script.toString()), args, torchTimes, "PyTorch reference");
            torch = torch == null || !t.note().isEmpty() || t.peakMb() > torch.peakMb() ? t : torch;
            if (!t.note().isEmpty()) {
                break;
            }
        }
        djl = ReferenceRun.withMedian(djl, djlTimes);
        if (torch.note().isEmpty()) {
            torch = ReferenceRun.withMedian(torch, torchTimes);
        }
        return new CellReport(
                cell, djl, torch, djl.medianSeconds() / torch.medianSeconds(), djl.peakMb() / torch.peakMb());
    }

    /** The DJL side in a process of its own: {@code --cell C --steps N --warmup W}; prints one JSON line. */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = ReferenceRun.arguments(args);
        List<Double> times = measureDjl(
                a.getOrDefault("--cell", Architecture.CONVLSTM.id()),
                Integer.parseInt(a.getOrDefault("--steps", "10")),
                Integer.parseInt(a.getOrDefault("--warmup", "3")));
        System.out.println(ReferenceRun.result(times));
    }

    static List<Double> measureDjl(String cell, int steps, int warmup) throws IOException {
        AugurEngine.cpu();
        ModelSpec spec = spec(cell);
        float[] clipData = randomClip(new SplittableRandom(3));
        FramePredictionConfig config = new FramePredictionConfig(
                warmup + steps,
                BATCH,
                LENGTH,
                1e-3,
                "l2",
                0,
                ScheduledSampling.linear(0.5, 0),
                false,
                3,
                Integer.MAX_VALUE);
        ScheduledSampling sampling = config.sampling();
        Path scratch = Files.createTempDirectory("augur-bench");
        Path ckpt = scratch.resolve("checkpoint.npz");
        try (NDManager manager = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec, manager, 3)) {
            Objective objective = (m, step) -> {
                NDArray clip = m.create(clipData, new Shape(BATCH, LENGTH, 1, 64, 64));
                NDArray mask = sampling.mask(m, 3, step, BATCH, spec.inputLength(), LENGTH);
                return FrameLoss.of(
                        loss(cell), model.forward(clip, mask), clip.get(new NDIndex(":, {}:", model.firstTarget())));
            };
            StepTimer timer = new StepTimer(warmup);
            new TrainingLoop(model.weights(), objective, config.loop(), ckpt, timer).run(false);
            return timer.seconds();
        } finally {
            Files.deleteIfExists(ckpt);
            Files.deleteIfExists(scratch);
        }
    }

    private static float[] randomClip(SplittableRandom rng) {
        float[] d = new float[BATCH * LENGTH * 64 * 64];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.nextDouble();
        }
        return d;
    }
}
