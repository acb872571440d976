package dev.augur.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.behavior.KeypointFeatures;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ClassificationLoss;
import dev.augur.train.LoopConfig;
import dev.augur.train.Objective;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seed 004's CNN-LSTM (width 64, 60-frame windows of 48 features, 7 classes) timed on DJL and, in the same run, on
 * PyTorch ({@code reference/bench_behavior.py}, the torch.nn network of the parity fixtures): training windows per
 * second (batch 64, focal loss with class weights, Adam 5e-4, through our one training loop) and inference frames
 * per second (256 windows per forward pass, one window per frame). Each side in its own process, rounds alternating.
 */
public final class BehaviorBench {
    public static final int TRAIN_BATCH = 64;
    public static final int INFER_BATCH = 256;
    public static final int WINDOW = 60;
    public static final int CLASSES = 7;

    private BehaviorBench() {}

    public record Mode(
            String mode,
            ReferenceRun.Side djl,
            ReferenceRun.Side pytorch,
            double djlPerSecond,
            double pytorchPerSecond,
            double ratio) {}

    public static List<Mode> run(int steps, int warmup, int rounds, String python, Path script) {
        List<Mode> out = new ArrayList<>();
        for (String mode : List.of("train", "infer")) {
            List<Double> djlTimes = new ArrayList<>();
            List<Double> torchTimes = new ArrayList<>();
            ReferenceRun.Side djl = null;
            ReferenceRun.Side torch = null;
            List<String> args = List.of(
                    "--mode",
                    mode,
                    "--steps",
                    Integer.toString(Math.max(1, steps / rounds)),
                    "--warmup",
                    Integer.toString(warmup),
                    "--threads",
                    Integer.toString(AugurEngine.threads()));
            for (int r = 0; r < rounds; r++) {
                djl = ReferenceRun.child(ReferenceRun.java(BehaviorBench.class), args, djlTimes, "DJL side");
                torch = Files.isRegularFile(script)
                        ? ReferenceRun.child(List.of(python, script.toString()), args, torchTimes, "PyTorch reference")
                        : ReferenceRun.skipped(script + " not found");
                if (!torch.note().isEmpty()) {
                    break;
                }
            }
            djl = ReferenceRun.withMedian(djl, djlTimes);
            if (torch.note().isEmpty()) {
                torch = ReferenceRun.withMedian(torch, torchTimes);
            }
            int items = mode.equals("train") ? TRAIN_BATCH : INFER_BATCH;
            double d = items / djl.medianSeconds();
            double t = items / torch.medianSeconds();
            out.add(new Mode(mode, djl, torch, d, t, d / t));
        }
        return out;
    }

    public static String describe(List<Mode> modes) {
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "CNN-LSTM (seed 004: width 64, %d-frame windows of 48 features, %d classes)%n",
                WINDOW,
                CLASSES));
        for (Mode m : modes) {
            String unit = m.mode().equals("train")
                    ? "training windows/s (batch 64)"
                    : "inference frames/s (256 windows a pass)";
            b.append(String.format(
                    Locale.ROOT,
                    "  %-5s DJL %.1f, %s %s: DJL/PyTorch %.2f; peak RSS %.0f vs %.0f MB%n",
                    m.mode(),
                    m.djlPerSecond(),
                    m.pytorch().engine(),
                    Double.isNaN(m.pytorchPerSecond())
                            ? m.pytorch().note()
                            : String.format(Locale.ROOT, "%.1f %s", m.pytorchPerSecond(), unit),
                    m.ratio(),
                    m.djl().peakMb(),
                    m.pytorch().peakMb()));
        }
        return b.toString();
    }

    /** The DJL side in a process of its own: {@code --mode train|infer --steps N --warmup W}; prints one JSON line. */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = ReferenceRun.arguments(args);
        int steps = Integer.parseInt(a.getOrDefault("--steps", "10"));
        int warmup = Integer.parseInt(a.getOrDefault("--warmup", "3"));
        AugurEngine.cpu();
        List<Double> times =
                a.getOrDefault("--mode", "train").equals("train") ? train(steps, warmup) : infer(steps, warmup);
        System.out.println(ReferenceRun.result(times));
    }

    private static SequenceClassifier.Spec spec() {
        return new SequenceClassifier.Spec(
                "cnn_lstm", KeypointFeatures.COUNT, CLASSES, WINDOW, 64, 0); // as the reference: no dropout
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    private static List<Double> train(int steps, int warmup) throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = random(TRAIN_BATCH * WINDOW * KeypointFeatures.COUNT, rng);
        float[] targets = new float[TRAIN_BATCH * CLASSES];
        for (int b = 0; b < TRAIN_BATCH; b++) {
            targets[b * CLASSES + rng.nextInt(CLASSES)] = 1f;
        }
        float[] alpha = {3f, 1f, 0.1f, 1.4f, 0.4f, 4.8f, 8.5f};
        Path scratch = Files.createTempDirectory("augur-bench");
        try (NDManager manager = NDManager.newBaseManager();
                SequenceClassifier model = SequenceClassifier.create(spec(), manager, 3)) {
            Objective objective = (m, step) -> ClassificationLoss.focal(
                    model.logits(m.create(x, new Shape(TRAIN_BATCH, WINDOW, KeypointFeatures.COUNT)), true),
                    m.create(targets, new Shape(TRAIN_BATCH, CLASSES)),
                    m.create(alpha),
                    2f,
                    null);
            LoopConfig config = new LoopConfig(warmup + steps, 5e-4, 0, 3, Integer.MAX_VALUE);
            StepTimer timer = new StepTimer(warmup);
            new TrainingLoop(model.weights(), objective, config, scratch.resolve("checkpoint.npz"), timer).run(false);
            return timer.seconds();
        } finally {
            Files.deleteIfExists(scratch.resolve("checkpoint.npz"));
            Files.deleteIfExists(scratch);
        }
    }

    private static List<Double> infer(int steps, int warmup) {
        float[] x = random(INFER_BATCH * WINDOW * KeypointFeatures.COUNT, new SplittableRandom(4));
        List<Double> times = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                SequenceClassifier model = SequenceClassifier.create(spec(), manager, 3)) {
            for (int i = 0; i < warmup + steps; i++) {
                long start = System.nanoTime();
                try (NDManager m = manager.newSubManager()) {
                    NDArray logits =
                            model.logits(m.create(x, new Shape(INFER_BATCH, WINDOW, KeypointFeatures.COUNT)), false);
                    logits.softmax(1).toFloatArray();
                }
                if (i >= warmup) {
                    times.add((System.nanoTime() - start) / 1e9);
                }
            }
        }
        return times;
    }
}
