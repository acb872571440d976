package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.engine.NativeArrays;
import dev.augur.engine.ProcessMemory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten thousand training steps in one JVM, a checkpoint every thousand: resident memory grows less than 50 MB from
 * step 500 (the allocator and JIT warm) to the end, and the number of open DJL arrays does not grow at all. Slow
 * profile: {@code mvn -B -ntp verify -Pslow -pl augur-core -Dtest=TrainingSoakTest}.
 */
@EnabledIfSystemProperty(named = "augur.slow", matches = "true")
class TrainingSoakTest {
    private record Sample(long step, double rssMb, long arrays) {}

    @Test
    void tenThousandStepsHoldMemoryAndArraysFlat(@TempDir Path dir) throws Exception {
        List<Sample> samples = new ArrayList<>();
        TinyRun.train(dir.resolve("ckpt.npz"), 10_000, 1000, false, new ProgressListener() {
            @Override
            public void stepped(long step, long total, float loss) {
                if (step % 500 == 0) {
                    System.gc();
                    samples.add(new Sample(step, ProcessMemory.residentMb(), NativeArrays.open()));
                }
            }
        });
        samples.forEach(
                s -> System.out.printf("step %5d: RSS %.1f MB, %d DJL arrays open%n", s.step(), s.rssMb(), s.arrays()));
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        assertThat(last.step()).isEqualTo(10_000);
        assertThat(last.rssMb() - first.rssMb()).isLessThan(50.0);
        assertThat(samples).allSatisfy(s -> assertThat(s.arrays()).isEqualTo(first.arrays()));
    }
}
