package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class ThresholdScoresTest {

    @Test
    void csiPodAndFarMatchAHandCountedTable() {
        // threshold 0.5 over 8 pixels: truth events at 0,1,2,3; forecast events at 1,2,3,4,5
        float[] truth = {0.9f, 0.5f, 0.7f, 1.0f, 0.1f, 0.2f, 0.0f, 0.49f};
        float[] pred = {0.2f, 0.6f, 0.5f, 0.8f, 0.9f, 0.51f, 0.1f, 0.3f};
        ThresholdScores s = new ThresholdScores(0.5);
        s.add(truth, 0, pred, 0, 8);
        ThresholdScores.Scores r = s.scores();
        // hits 1,2,3 = 3; misses 0 = 1; false alarms 4,5 = 2
        assertThat(r.hits()).isEqualTo(3);
        assertThat(r.misses()).isEqualTo(1);
        assertThat(r.falseAlarms()).isEqualTo(2);
        assertThat(r.csi()).isCloseTo(3.0 / 6, offset(1e-12));
        assertThat(r.pod()).isCloseTo(3.0 / 4, offset(1e-12));
        assertThat(r.far()).isCloseTo(2.0 / 5, offset(1e-12));
    }

    @Test
    void noEventsAnywhereGivesUndefinedScores() {
        ThresholdScores s = new ThresholdScores(0.5);
        s.add(new float[] {0.1f}, 0, new float[] {0.2f}, 0, 1);
        assertThat(s.scores().csi()).isNaN();
        assertThat(s.scores().far()).isNaN();
    }
}
