package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.data.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibrated simulator against seed 000's real tank: every row of the data README's table. */
class RealismTest {

    @Test
    void thirtySimulatedMinutesHaveTheRealTanksStatistics(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tank.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), 1).simulate(1800, video);
        BurstSeries sim = VideoLabels.of(
                        video, VideoReader.Options.seed000(), BurstRule.seed000(), AlgorithmicBaseline.seed000(), false)
                .series();
        String table = RealismReport.write(sim, null, dir.resolve("realism"));
        List<RecordingStatistics.Row> rows =
                RecordingStatistics.rows(RecordingStatistics.of(sim, 45), RealismReport.SEED000_TRAINING);
        assertThat(rows).hasSize(11);
        assertThat(rows).as(table).allMatch(RecordingStatistics.Row::agrees);
        assertThat(Files.readAllLines(dir.resolve("realism/realism.csv"))).hasSize(12);
        assertThat(dir.resolve("realism/realism.png")).isNotEmptyFile();
    }
}
