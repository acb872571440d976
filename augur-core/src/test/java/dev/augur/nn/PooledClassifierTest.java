package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import dev.augur.train.ClassificationLoss;
import dev.augur.train.LoopConfig;
import dev.augur.train.Objective;
import dev.augur.train.ProgressListener;
import dev.augur.train.TrainingLoop;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classifier head on the shared stack learns a task that needs memory: whether a bright square drifts left
 * or right across grey frames (one frame alone cannot tell), trained through the same loop as the video models.
 */
class PooledClassifierTest {

    @Test
    void stackPlusPooledHeadLearnsTheDirectionOfMotion(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager();
                Weights w = new Weights(m, 5)) {
            CellStack stack = new CellStack(List.of(new ConvLstmCell(w, "stack.0", 1, 8, 3, false, 12, 12)), false);
            PooledClassifier head = new PooledClassifier(w, "head", 8, 1);
            Objective objective = (s, step) -> {
                NDList batch = batch(s, new SplittableRandom(step), 16);
                NDArray logits =
                        head.forward(stack.encode(batch.get(0)).output()).reshape(-1);
                return ClassificationLoss.binaryCrossEntropy(logits, batch.get(1), 1f);
            };
            LoopConfig config = new LoopConfig(120, 1e-2, 0, 5, 1000);
            float[] losses = new TrainingLoop(w, objective, config, dir.resolve("ckpt.npz"), ProgressListener.SILENT)
                    .run(false)
                    .losses();
            float first = 0;
            float last = 0;
            for (int i = 0; i < 10; i++) {
                first += losses[i] / 10;
                last += losses[110 + i] / 10;
            }
            assertThat(first).isGreaterThan(0.6f);
            assertThat(last).isLessThan(first * 0.5f);
            try (NDManager s = m.newSubManager()) {
                NDList test = batch(s, new SplittableRandom(10_000), 200);
                float[] logits =
                        head.forward(stack.encode(test.get(0)).output()).toFloatArray();
                float[] labels = test.get(1).toFloatArray();
                int correct = 0;
                for (int i = 0; i < labels.length; i++) {
                    correct += (logits[i] > 0) == (labels[i] > 0.5f) ? 1 : 0;
                }
                assertThat(correct / 200.0).isGreaterThan(0.9);
            }
        }
    }

    @Test
    void binaryCrossEntropyMatchesTheFormula() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {2f, -1f});
            NDArray labels = m.create(new float[] {1f, 0f});
            double a = -Math.log(1 / (1 + Math.exp(-2)));
            double b = -Math.log(1 - 1 / (1 + Math.exp(1)));
            assertThat((double) ClassificationLoss.binaryCrossEntropy(logits, labels, 1f)
                            .getFloat())
                    .isCloseTo((a + b) / 2, Offset.offset(1e-6));
            assertThat((double) ClassificationLoss.binaryCrossEntropy(logits, labels, 3f)
                            .getFloat())
                    .isCloseTo((3 * a + b) / 4, Offset.offset(1e-6));
        }
    }

    /** Sequences of 4 frames, 12×12, a 3×3 square moving 1–2 pixels a frame left (0) or right (1). */
    private static NDList batch(NDManager m, SplittableRandom rng, int n) {
        int t = 4;
        int size = 12;
        float[] frames = new float[n * t * size * size];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            boolean right = rng.nextBoolean();
            labels[i] = right ? 1f : 0f;
            int speed = 1 + rng.nextInt(2);
            int x0 = right ? rng.nextInt(2) : size - 3 - rng.nextInt(2);
            int y = rng.nextInt(size - 3);
            for (int f = 0; f < t; f++) {
                int x = x0 + (right ? 1 : -1) * speed * f;
                for (int dy = 0; dy < 3; dy++) {
                    for (int dx = 0; dx < 3; dx++) {
                        frames[((i * t + f) * size + y + dy) * size + x + dx] = 1f;
                    }
                }
            }
        }
        return new NDList(m.create(frames, new Shape(n, t, 1, size, size)), m.create(labels));
    }
}
