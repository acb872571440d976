package dev.augur.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.augur.data.FeatureScaler;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeypointFeaturesTest {
    /**
     * Two straight mice along x: agent at x 0…60 heading +x, target at x 100…160 heading −x, agent moving 3 px/frame.
     */
    private static PoseVideo pair() {
        int frames = 3;
        float[] k = new float[frames * 2 * 7 * 2];
        float[] along = {60, 50, 50, 40, 20, 20, 0};
        float[] side = {0, 5, -5, 0, 8, -8, 0};
        for (int t = 0; t < frames; t++) {
            for (int p = 0; p < 7; p++) {
                k[((t * 2) * 7 + p) * 2] = along[p] + 3 * t;
                k[((t * 2) * 7 + p) * 2 + 1] = side[p];
                k[((t * 2 + 1) * 7 + p) * 2] = 160 - along[p];
                k[((t * 2 + 1) * 7 + p) * 2 + 1] = side[p];
            }
        }
        float[] conf = new float[frames * 14];
        Arrays.fill(conf, 1f);
        return new PoseVideo(
                "pair",
                30,
                "px",
                frames,
                2,
                CalMs21Json.PARTS,
                k,
                conf,
                0,
                1,
                new int[frames],
                List.of("other"),
                new boolean[] {true},
                PoseVideo.Repairs.none());
    }

    @Test
    void fortyEightFeaturesComputedByHand() {
        float[] f = KeypointFeatures.of(pair());
        assertThat(KeypointFeatures.NAMES).hasSize(48);
        int o = KeypointFeatures.COUNT; // frame 1
        double agentCentreX = (60 + 50 + 50 + 40 + 20 + 20 + 0) / 7.0 + 3;
        double targetCentreX = 160 - (60 + 50 + 50 + 40 + 20 + 20 + 0) / 7.0;
        assertThat(f[o]).isEqualTo(63f); // agent nose x
        assertThat((double) f[o + 28]).isCloseTo(targetCentreX - agentCentreX, offset(1e-4)); // centre distance
        assertThat((double) f[o + 29]).isCloseTo(100 - 63, offset(1e-4)); // nose-nose
        assertThat((double) f[o + 32]).isCloseTo(90, offset(1e-3)); // agent vx, px/s
        assertThat((double) f[o + 34]).isCloseTo(90, offset(1e-3)); // agent speed
        assertThat((double) f[o + 35]).isCloseTo(0, offset(1e-3)); // target vx
        assertThat((double) f[o + 38]).isCloseTo(90 * 30, offset(1e-2)); // accel. from rest at frame 0
        assertThat((double) f[2 * o + 38]).isCloseTo(0, offset(1e-2)); // steady afterwards
        assertThat((double) f[o + 40]).isCloseTo(-90, offset(1e-3)); // closing at 90 px/s
        assertThat((double) f[o + 42]).isCloseTo(0, offset(1e-6)); // agent heading sin (+x)
        assertThat((double) f[o + 43]).isCloseTo(1, offset(1e-6));
        assertThat((double) f[o + 45]).isCloseTo(-1, offset(1e-6)); // target heading cos (−x)
        assertThat((double) f[o + 46]).isCloseTo(0, offset(1e-6)); // agent faces the target
        assertThat((double) f[o + 47]).isCloseTo(0, offset(1e-6));
        assertThat(f[32]).isZero(); // no velocity at frame 0
    }

    @Test
    void gapsMustBeFilledFirstAndScalingUsesTrainingStatisticsOnly() {
        PoseVideo v = pair();
        v.keypoints()[5] = Float.NaN;
        assertThatThrownBy(() -> KeypointFeatures.of(v)).hasMessageContaining("fill them first");
        FeatureScaler s = FeatureScaler.fit(List.of(new float[] {1, 10, 3, 10}), 2);
        assertThat(s.mean()).containsExactly(2, 10);
        assertThat(s.sd()).containsExactly(1, 1);
        assertThat(s.apply(new float[] {4, 12})).containsExactly(2f, 2f);
    }
}
