package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BurstRuleTest {

    @Test
    void labelsCalmFramesBeforeASpikeWithinTheHorizon() {
        // calm 0.0005 everywhere, a spike of 0.003 at frame 10; horizon 4
        double[] e = new double[16];
        Arrays.fill(e, 0.0005);
        e[10] = 0.003;
        int[] l = new BurstRule(4, 0.001, 0.1).labels(e);
        // frames 6..9 see the spike in [t, t+4] and are calm now; frame 10 is the spike itself; 11 has no spike ahead
        assertThat(l).containsExactly(0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, -1, -1, -1, -1);
        assertThat(BurstRule.prevalence(l)).isCloseTo(4.0 / 12, offset(1e-12));
    }

    @Test
    void smallSpikesBelowTheRangeAreNotBursts() {
        double[] e = new double[10];
        Arrays.fill(e, 0.0005);
        e[5] = 0.0012; // range 0.0007 < c
        assertThat(new BurstRule(3, 0.001, 0.1).labels(e)).doesNotContain(1);
    }

    @Test
    void refitScalesTheRangeWithTheFootage() {
        double[] e = new double[101];
        for (int i = 0; i < e.length; i++) {
            e[i] = i * 0.0001; // 5–95% span = 0.009
        }
        BurstRule r = BurstRule.seed000().refit(e);
        assertThat(r.minRange()).isCloseTo(0.001 * 0.009 / BurstRule.SEED_ENERGY_SPAN, offset(1e-12));
        assertThat(r.horizon()).isEqualTo(45);
    }

    @Test
    void motionEnergyIsTheMeanAbsoluteFrameDifference() {
        MotionEnergy m = new MotionEnergy();
        assertThat(m.push(new float[] {0, 0, 0, 0})).isNaN();
        assertThat(m.push(new float[] {1, 0, 0.5f, 0})).isCloseTo(0.375, offset(1e-9));
        assertThat(m.push(new float[] {1, 0, 0.5f, 0})).isZero();
    }

    @Test
    void baselineIsCausalAndMatchesItsFormula() {
        double[] e = new double[100];
        for (int i = 0; i < e.length; i++) {
            e[i] = 0.0005 + 0.001 * Math.abs(Math.sin(i / 7.0));
        }
        AlgorithmicBaseline b = new AlgorithmicBaseline(10, 0.0006, 5300, 11000, 0.2);
        double[] p = b.probabilities(e);
        assertThat(p[9]).isNaN();
        int t = 50;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = t - 10; i < t; i++) {
            min = Math.min(min, e[i]);
            max = Math.max(max, e[i]);
        }
        double ptp = max - min;
        double expected = (1 / (1 + Math.exp(-5300 * (ptp - 0.0006)))
                        + 1 / (1 + Math.exp(11000 * (e[t - 1] - (min + 0.2 * ptp)))))
                / 2;
        assertThat(p[t]).isCloseTo(expected, offset(1e-12));
        double[] changedFuture = e.clone();
        for (int i = t; i < e.length; i++) {
            changedFuture[i] = 0.01;
        }
        assertThat(b.probabilities(changedFuture)[t]).isEqualTo(p[t]);
    }
}
