package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.data.VideoReader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstDataTest {
    @TempDir
    static Path dir;

    static BurstData data;

    @BeforeAll
    static void simulate() throws Exception {
        Path video = dir.resolve("tank.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), 5).simulate(60, video);
        data = BurstData.read(
                video,
                VideoReader.Options.seed000(),
                4,
                BurstData.Split.seed000(),
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000(),
                dir);
    }

    @Test
    void noWindowOrLabelCrossesABlock() {
        int n = data.frameCount();
        assertThat(n).isEqualTo(1800);
        int trainEnd = (int) Math.round(n * 25.0 / 30);
        int valEnd = (int) Math.round(n * 27.0 / 30);
        int h = data.rule().horizon();
        for (int t : data.eligible(BurstData.Block.TRAIN, 60, 0, 1)) {
            assertThat(t - 59).isGreaterThanOrEqualTo(0);
            assertThat(t + h + 1).isLessThan(trainEnd);
        }
        for (int t : data.eligible(BurstData.Block.VALIDATION, 60, 89, 1)) {
            assertThat(t - 89).isGreaterThanOrEqualTo(trainEnd);
            assertThat(t + h + 1).isLessThan(valEnd);
        }
        for (int t : data.eligible(BurstData.Block.TEST, 60, 89, 1)) {
            assertThat(t - 89).isGreaterThanOrEqualTo(valEnd);
            assertThat(t + h + 1).isLessThan(n);
            assertThat(data.labels()[t]).isIn(0, 1);
        }
    }

    @Test
    void windowsEndAtTheirFrameAndFlipsMirrorThem() {
        int[] ts = {100};
        float[] plain = data.windows(ts, 8, null);
        float[] lr = data.windows(ts, 8, new int[] {1});
        float[] ud = data.windows(ts, 8, new int[] {2});
        int h = data.height();
        int w = data.width();
        assertThat(plain).hasSize(8 * h * w);
        int k = 7;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float v = plain[k * h * w + y * w + x];
                assertThat(lr[k * h * w + y * w + (w - 1 - x)]).isEqualTo(v);
                assertThat(ud[k * h * w + (h - 1 - y) * w + x]).isEqualTo(v);
            }
        }
        float[] later = data.windows(new int[] {101}, 8, null);
        // the window ending at 101 starts one frame later: its frame k is frame k+1 of the window ending at 100
        assertThat(Arrays.copyOfRange(later, 0, h * w)).isEqualTo(Arrays.copyOfRange(plain, h * w, 2 * h * w));
    }

    @Test
    void labelRuleIsRefitOnTheTrainingBlockOnly() {
        double[] trainEnergy = Arrays.copyOf(data.energy(), (int) Math.round(1800 * 25.0 / 30) - 1);
        assertThat(data.rule().minRange())
                .isEqualTo(BurstRule.seed000().refit(trainEnergy).minRange());
    }
}
