package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.nn.ModelSpec;
import dev.augur.video.FramePredictionConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case of the one JVM crash seen (SIGSEGV in libtorch's backward during the zig-zag training test, 15 minutes
 * into a test JVM): the same three trainings repeated {@code augur.stress.runs} times in one JVM (default 210), each
 * run's losses finite and equal, bit for bit, to the first run's of its architecture. Slow profile only:
 * {@code mvn -B -ntp verify -Pslow -pl augur-core -Dtest=NativeStressTest} (add {@code -DargLine=-Xcheck:jni}).
 */
@EnabledIfSystemProperty(named = "augur.slow", matches = "true")
class NativeStressTest {
    @Test
    void zigZagTrainingRepeatedHundredsOfTimesInOneJvm(@TempDir Path dir) throws Exception {
        int runs = Integer.getInteger("augur.stress.runs", 210);
        List<String> architectures = List.of("predrnn", "memory_flow", "convlstm");
        Map<String, float[]> first = new HashMap<>();
        for (int i = 0; i < runs; i++) {
            String architecture = architectures.get(i % architectures.size());
            boolean predrnn = architecture.equals("predrnn");
            ModelSpec spec = new ModelSpec(
                    architecture, 1, 16, 16, 2, List.of(8, 8), 3, false, false, architecture.equals("predrnn"), 3);
            ScheduledSampling sampling = predrnn
                    ? new ScheduledSampling(1.0, 0, 0, new ScheduledSampling.Reverse(30, 100, 20))
                    : ScheduledSampling.linear(1.0, 1.0 / 100);
            FramePredictionConfig config =
                    new FramePredictionConfig(120, 4, 6, 3e-3, "l1l2", 1.0, sampling, predrnn, 42, 1000);
            TrainingLoop.Result r =
                    TinyRun.train(spec, config, dir.resolve("ckpt-" + i + ".npz"), false, ProgressListener.SILENT);
            for (float l : r.losses()) {
                assertThat(Float.isFinite(l))
                        .as("run %d (%s): a finite loss", i, architecture)
                        .isTrue();
            }
            float[] before = first.putIfAbsent(architecture, r.losses());
            if (before != null) {
                assertThat(r.losses())
                        .as("run %d (%s) repeats the first run", i, architecture)
                        .containsExactly(before);
            }
        }
    }
}
