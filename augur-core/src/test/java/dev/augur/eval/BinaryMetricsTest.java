package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
    private final double[] scores = {0.9, 0.8, 0.7, 0.6, 0.55, 0.4};
    private final int[] labels = {1, 0, 1, 1, 0, 0};

    @Test
    void valuesComputedByHand() {
        BinaryMetrics m = new BinaryMetrics(scores, labels);
        assertThat(m.rocAuc()).isCloseTo(7.0 / 9, offset(1e-12));
        assertThat(m.averagePrecision()).isCloseTo(1.0 / 3 + (1.0 / 3) * (2.0 / 3) + (1.0 / 3) * 0.75, offset(1e-12));
        BinaryMetrics.Threshold y = m.youden();
        assertThat(y.threshold()).isEqualTo(0.6);
        assertThat(y.tpr()).isEqualTo(1.0);
        assertThat(y.fpr()).isCloseTo(1.0 / 3, offset(1e-12));
        assertThat(m.peakAccuracy().accuracy()).isCloseTo(5.0 / 6, offset(1e-12));
        assertThat(m.brier()).isCloseTo(1.3625 / 6, offset(1e-12));
        assertThat(m.majorityAccuracy()).isEqualTo(0.5);
        assertThat(m.rocCurve()).hasSize(7);
    }

    @Test
    void tiesCountOneHalfAndUnknownFramesAreLeftOut() {
        BinaryMetrics m = new BinaryMetrics(new double[] {0.5, 0.5, Double.NaN, 0.9}, new int[] {1, 0, 1, -1});
        assertThat(m.count()).isEqualTo(2);
        assertThat(m.rocAuc()).isEqualTo(0.5);
    }

    @Test
    void rarePositivesMakePeakAccuracyLookGood() {
        double[] s = new double[100];
        int[] y = new int[100];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            y[i] = i < 10 ? 1 : 0;
            s[i] = r.nextDouble(); // a useless forecaster
        }
        BinaryMetrics m = new BinaryMetrics(s, y);
        assertThat(m.peakAccuracy().accuracy()).isGreaterThanOrEqualTo(m.majorityAccuracy());
        assertThat(m.majorityAccuracy()).isEqualTo(0.9);
        assertThat(m.youden().balancedAccuracy()).isLessThan(0.8);
    }

    @Test
    void calibrationBinsCountEveryFrameOnce() {
        BinaryMetrics m = new BinaryMetrics(scores, labels);
        var bins = m.calibration(5);
        assertThat(bins.stream().mapToInt(BinaryMetrics.CalibrationBin::count).sum())
                .isEqualTo(6);
        assertThat(bins.get(4).count()).isEqualTo(2); // 0.8 and 0.9
        assertThat(bins.get(4).observedRate()).isEqualTo(0.5);
    }

    @Test
    void oneClassOnlyIsAClearError() {
        assertThatThrownBy(() -> new BinaryMetrics(new double[] {0.1, 0.2}, new int[] {0, 0}).rocAuc())
                .hasMessageContaining("both classes");
    }

    @Test
    void blockBootstrapBracketsTheAucAndPairsDifferences() {
        int n = 2000;
        double[] good = new double[n];
        double[] noisy = new double[n];
        int[] y = new int[n];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            y[i] = (i / 50) % 5 == 0 ? 1 : 0; // bursts in blocks of 50 frames
            good[i] = y[i] + r.nextGaussian() * 0.8;
            noisy[i] = y[i] + r.nextGaussian() * 3;
        }
        BlockBootstrap b = new BlockBootstrap(100, 300, 9);
        Estimate auc = b.interval(good, y, (s, l) -> new BinaryMetrics(s, l).rocAuc());
        assertThat(auc.low()).isLessThan(auc.mean());
        assertThat(auc.high()).isGreaterThan(auc.mean());
        Estimate diff = b.paired(
                new double[][] {good, noisy},
                y,
                (s, l) -> new BinaryMetrics(s[0], l).rocAuc() - new BinaryMetrics(s[1], l).rocAuc());
        assertThat(diff.low()).isGreaterThan(0);
    }
}
