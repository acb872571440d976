package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.engine.ProcessMemory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training loop must not grow in memory: every array of a step lives in that step's own manager. */
class MemoryGrowthTest {

    @Test
    void residentMemoryGrowsLessThan50MbBetweenStep100AndStep1000(@TempDir Path dir) throws Exception {
        double[] rss = new double[2];
        TinyRun.train(dir.resolve("ckpt.npz"), 1000, 100_000, false, new ProgressListener() {
            @Override
            public void stepped(long step, long total, float loss) {
                if (step == 100 || step == 1000) {
                    System.gc();
                    rss[step == 100 ? 0 : 1] = ProcessMemory.residentMb();
                }
            }
        });
        System.out.printf("RSS at step 100: %.1f MB, at step 1000: %.1f MB%n", rss[0], rss[1]);
        assertThat(rss[0]).isGreaterThan(0);
        assertThat(rss[1] - rss[0]).isLessThan(50.0);
    }
}
