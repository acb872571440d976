package dev.augur.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveBenchTest {

    @Test
    void estimateExtrapolatesTheTwoCoreRateAndSaysSo() {
        // 1 core: 100 frames/s; 2 cores: 180 frames/s -> 90 per core, efficiency 90%
        List<ArchiveBench.Run> runs = List.of(
                new ArchiveBench.Run("bursts forecast (one machine, no Spark)", 1, 1000, 8),
                new ArchiveBench.Run("score", 1, 1000, 10),
                new ArchiveBench.Run("score", 2, 1800, 10));
        String table = ArchiveBench.describe(runs, Path.of("no-bundle"), 1000);

        // 108,000,000 frames / (90 frames/s/core * 86,400 s) = 13.9 -> 14 cores in 24 h; / (90 * 28,800) = 41.7 -> 42
        assertThat(ArchiveBench.frames(1000)).isEqualTo(108_000_000L);
        assertThat(ArchiveBench.cores(108_000_000L, 90, 24)).isEqualTo(14);
        assertThat(ArchiveBench.cores(108_000_000L, 90, 8)).isEqualTo(42);
        assertThat(table)
                .contains("| score | 2 | 1800 | 10.0 | 180.0 | 1.44x |")
                .contains("efficiency 90%")
                .contains("ESTIMATE")
                .contains("14 cores to score it in 24 h")
                .contains("42 cores in 8 h")
                .contains("167 hours on this 2-core machine");
    }
}
