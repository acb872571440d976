package dev.augur.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MousePairSimulatorTest {
    @TempDir
    Path dir;

    @Test
    void boutsGiveTheSeedsClassSharesInExpectation() {
        int[] labels = MousePairSimulator.bouts(3_000_000, new SplittableRandom(1));
        for (int c = 0; c < MousePairSimulator.VOCABULARY.size(); c++) {
            int cls = c;
            double share = Arrays.stream(labels).filter(l -> l == cls).count() / (double) labels.length;
            assertThat(share)
                    .as(MousePairSimulator.VOCABULARY.get(c))
                    .isCloseTo(MousePairSimulator.SHARES[c], offset(0.1 * MousePairSimulator.SHARES[c] + 0.002));
        }
    }

    @Test
    void behavioursMoveTheMiceDifferently() throws IOException {
        PoseVideo v =
                KeypointGaps.filled(new MousePairSimulator(MousePairSimulator.Config.standard()).video("v", 30_000, 3));
        float[] f = KeypointFeatures.of(v);
        double otherDistance = mean(v, f, "other", 28);
        assertThat(mean(v, f, "mount", 28)).as("mounting: centres close").isLessThan(0.5 * otherDistance);
        assertThat(mean(v, f, "sniff_any", 30))
                .as("sniffing: nose at the intruder")
                .isLessThan(0.5 * mean(v, f, "other", 30));
        assertThat(mean(v, f, "attack", 34)).as("attack: fast").isGreaterThan(2 * mean(v, f, "other", 34));
        assertThat(mean(v, f, "approach", 40)).as("approach: closing in").isLessThan(0);
        assertThat(mean(v, f, "genitalgroom", 34)).as("grooming: still").isLessThan(mean(v, f, "other", 34));
    }

    private static double mean(PoseVideo v, float[] f, String behaviour, int feature) {
        int c = v.vocabulary().indexOf(behaviour);
        double sum = 0;
        int n = 0;
        for (int t = 0; t < v.frames(); t++) {
            if (v.labels()[t] == c) {
                sum += f[t * KeypointFeatures.COUNT + feature];
                n++;
            }
        }
        assertThat(n).as(behaviour + " frames").isPositive();
        return sum / n;
    }

    @Test
    void sameSeedSameVideoAndItsCalMs21FileReadsBackWithTheGapsCounted() throws IOException {
        MousePairSimulator sim = new MousePairSimulator(new MousePairSimulator.Config(2.0, 0.01));
        PoseVideo a = sim.video("x", 600, 9);
        assertThat(a.keypoints()).isEqualTo(sim.video("x", 600, 9).keypoints());
        long lost = 0;
        for (int i = 0; i < a.keypoints().length; i += 2) {
            lost += Float.isNaN(a.keypoints()[i]) ? 1 : 0;
        }
        assertThat(lost).isPositive();
        Path file = dir.resolve("sim.json");
        CalMs21Json.write(List.of(a), file);
        PoseVideo back = CalMs21Json.read(file).get(0);
        assertThat(back.repairs().interpolatedKeypoints()).isEqualTo((int) lost);
        assertThat(back.labels()).isEqualTo(a.labels());
        assertThat(back.vocabulary()).isEqualTo(MousePairSimulator.VOCABULARY);
        for (int i = 0; i < a.keypoints().length; i++) {
            if (!Float.isNaN(a.keypoints()[i])) {
                assertThat(back.keypoints()[i]).isCloseTo(a.keypoints()[i], offset(0.006f));
            }
        }
    }
}
