package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.Weights;
import dev.augur.video.FramePredictionConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingLoopTest {

    @Test
    void lossFallsOnBouncingBalls(@TempDir Path dir) throws Exception {
        TrainingLoop.Result r = TinyRun.train(dir.resolve("ckpt.npz"), 150, 1000, false, ProgressListener.SILENT);
        float early = mean(r.losses(), 0, 10);
        float late = mean(r.losses(), 140, 150);
        assertThat(late).isLessThan(early * 0.6f);
        assertThat(Files.exists(dir.resolve("ckpt.npz"))).isTrue();
    }

    /**
     * Every stacked cell learns; the PredRNN case also exercises reverse sampling and reverse input, the E3D-LSTM
     * cases (3D and 2D convolutions) the recall over a growing history.
     */
    @ParameterizedTest
    @ValueSource(strings = {"predrnn", "predrnn_plus", "memory_flow", "e3d_lstm", "e3d_lstm_2d"})
    void zigZagStacksLearnToo(String architecture, @TempDir Path dir) throws Exception {
        boolean predrnn = architecture.equals("predrnn");
        ModelSpec spec = new ModelSpec(
                architecture, 1, 16, 16, 2, List.of(8, 8), 3, false, false, !architecture.equals("memory_flow"), 3);
        ScheduledSampling sampling = predrnn
                ? new ScheduledSampling(1.0, 0, 0, new ScheduledSampling.Reverse(30, 100, 20))
                : ScheduledSampling.linear(1.0, 1.0 / 100);
        FramePredictionConfig config =
                new FramePredictionConfig(120, 4, 6, 3e-3, "l1l2", 1.0, sampling, predrnn, 42, 1000);
        TrainingLoop.Result r = TinyRun.train(spec, config, dir.resolve("ckpt.npz"), false, ProgressListener.SILENT);
        assertThat(mean(r.losses(), 110, 120)).isLessThan(mean(r.losses(), 0, 10) * 0.6f);
    }

    @Test
    void runKilledWithSigkillResumesToTheSameFinalLoss(@TempDir Path dir) throws Exception {
        int steps = 40;
        TrainingLoop.Result straight =
                TinyRun.train(dir.resolve("straight.npz"), steps, 10, false, ProgressListener.SILENT);

        Path ckpt = dir.resolve("killed.npz");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Dai.djl.offline=true",
                        "-Dai.djl.pytorch.num_interop_threads=1",
                        TinyRun.class.getName(),
                        ckpt.toString(),
                        Integer.toString(steps),
                        "10")
                .redirectErrorStream(true)
                .start();
        List<String> seen = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                if (line.equals("step 25")) { // past the checkpoint at 20, before the one at 30
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
            }
        }
        child.waitFor();
        assertThat(seen).contains("step 25");
        assertThat(child.exitValue()).isNotZero();
        // the kill came after the checkpoint of step 20: that is what a resumed run must start from
        assertThat(ckpt).isRegularFile();

        TrainingLoop.Result resumed = TinyRun.train(ckpt, steps, 10, true, ProgressListener.SILENT);
        assertThat(resumed.steps()).isEqualTo(steps);
        assertThat(resumed.losses()).hasSize(steps);
        double rel = Math.abs(resumed.finalLoss() - straight.finalLoss()) / Math.abs(straight.finalLoss());
        assertThat(rel).isLessThan(1e-6);
    }

    @Test
    void corruptCheckpointIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("bad.npz");
        Files.write(ckpt, new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertThatThrownBy(() -> TinyRun.train(ckpt, 5, 5, true, ProgressListener.SILENT))
                .hasMessageContaining(ckpt.toString());
    }

    private static float mean(float[] a, int from, int to) {
        float s = 0;
        for (int i = from; i < to; i++) {
            s += a[i];
        }
        return s / (to - from);
    }

    /** The one hook: runs after each step and after that step's checkpoint, may write files, may end the run. */
    @Test
    void theHookRunsAfterEachStepsCheckpointAndCanEndTheRun(@TempDir Path dir) throws Exception {
        AugurEngine.start("cpu");
        Path ckpt = dir.resolve("ckpt.npz");
        List<Long> seen = new ArrayList<>();
        List<Boolean> checkpointThere = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager();
                Weights w = new Weights(manager, 1)) {
            NDArray a = w.uniform("a", new Shape(1), 1);
            Objective fitThree = (m, step) ->
                    m.create(new float[] {1f}).mul(a).sub(3).square().sum();
            TrainingLoop.Result r = new TrainingLoop(
                            w, fitThree, new LoopConfig(50, 0.1, 0, 1, 5), ckpt, ProgressListener.SILENT)
                    .afterStep((step, loss) -> {
                        seen.add(step);
                        checkpointThere.add(Files.exists(ckpt));
                        Files.writeString(dir.resolve("last-step.txt"), Long.toString(step));
                        return step < 7;
                    })
                    .run(false);
            assertThat(r.ended()).isTrue();
            assertThat(r.stopped()).isFalse();
            assertThat(r.steps()).isEqualTo(7);
            assertThat(r.losses()).hasSize(7);
            assertThat(r.losses()[6]).isLessThan(r.losses()[0]); // the loss falls
            assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
            assertThat(checkpointThere).containsExactly(false, false, false, false, true, true, true);
            assertThat(Files.readString(dir.resolve("last-step.txt"))).isEqualTo("7");
            try (Adam adam = new Adam(manager, w.arrays(), 0.1)) {
                assertThat(Checkpoint.restore(ckpt, w, adam).step()).isEqualTo(7);
            }
        }
    }
}
