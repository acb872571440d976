package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class FrameMetricsTest {

    @Test
    void mseAndMaeAreSummedOverPixelsAndAveragedOverSequences() {
        // 2 sequences, 1 step, 1x2x2 frames
        float[] truth = {0, 0, 0, 0, 1, 1, 1, 1};
        float[] pred = {0.5f, 0, 0, 0, 1, 1, 1, 0};
        FrameMetrics m = new FrameMetrics(1, 1, 2, 2);
        m.add(truth, pred, 2);
        FrameMetrics.Summary s = m.summarise("x", Bootstrap.standard());
        // sequence errors: 0.25 and 1.0 -> mean 0.625; absolute 0.5 and 1.0 -> 0.75
        assertThat(s.steps().get(0).mse().mean()).isCloseTo(0.625, offset(1e-9));
        assertThat(s.steps().get(0).mae().mean()).isCloseTo(0.75, offset(1e-9));
        // PSNR per frame: -10 log10(0.25/4) and -10 log10(1/4)
        double psnr = (-10 * Math.log10(0.0625) - 10 * Math.log10(0.25)) / 2;
        assertThat(s.steps().get(0).psnr().mean()).isCloseTo(psnr, offset(1e-9));
    }

    @Test
    void crossEntropyPerFrameIsBinaryCrossEntropySummedOverPixels() {
        // one 1x2 frame: truth (1, 0.5), prediction (0.8, 0.5)
        FrameMetrics m = new FrameMetrics(1, 1, 1, 2);
        m.add(new float[] {1f, 0.5f}, new float[] {0.8f, 0.5f}, 1);
        double expected = -Math.log(0.8) - (0.5 * Math.log(0.5) + 0.5 * Math.log(0.5));
        assertThat(m.summarise("x", Bootstrap.standard())
                        .steps()
                        .get(0)
                        .crossEntropy()
                        .mean())
                .isCloseTo(expected, offset(1e-6));
    }

    @Test
    void pairedDifferenceIsTheMeanOfPerSequenceDifferences() {
        float[] truth = {0, 0, 0, 0};
        FrameMetrics a = new FrameMetrics(1, 1, 1, 2);
        a.add(truth, new float[] {0.5f, 0, 1, 0}, 2); // sequence MSE 0.25 and 1.0
        FrameMetrics b = new FrameMetrics(1, 1, 1, 2);
        b.add(truth, new float[] {0, 0, 0.5f, 0.5f}, 2); // 0 and 0.5
        FrameMetrics.Difference d = FrameMetrics.difference(
                a.summarise("a", Bootstrap.standard()), b.summarise("b", Bootstrap.standard()), Bootstrap.standard());
        assertThat(d.mse().mean()).isCloseTo(((0.25 - 0) + (1.0 - 0.5)) / 2, offset(1e-9));
        assertThat(d.mse().low()).isCloseTo(0.25, offset(1e-9));
        assertThat(d.mse().high()).isCloseTo(0.5, offset(1e-9));
    }

    @Test
    void predictionsAreClippedToTheUnitInterval() {
        FrameMetrics m = new FrameMetrics(1, 1, 1, 2);
        m.add(new float[] {1, 0}, new float[] {3, -2}, 1);
        assertThat(m.summarise("x", Bootstrap.standard()).mse().mean()).isZero();
    }

    @Test
    void ssimIsOneForIdenticalFramesAndMatchesTheFormulaForConstantOnes() {
        float[] a = new float[16 * 16];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 37 % 101) / 100f;
        }
        assertThat(Ssim.of(a, 0, a, 0, 1, 16, 16)).isCloseTo(1.0, offset(1e-9));
        float[] x = new float[16 * 16];
        float[] y = new float[16 * 16];
        Arrays.fill(x, 0.5f);
        Arrays.fill(y, 0.7f);
        double c1 = 1e-4;
        double expected = (2 * 0.5 * 0.7 + c1) / (0.25 + 0.49 + c1);
        assertThat(Ssim.of(x, 0, y, 0, 1, 16, 16)).isCloseTo(expected, offset(1e-6));
    }

    @Test
    void bootstrapIntervalBracketsTheMeanAndIsReproducible() {
        double[] v = new double[200];
        for (int i = 0; i < v.length; i++) {
            v[i] = i % 10;
        }
        Estimate e = Bootstrap.standard().mean(v);
        assertThat(e.mean()).isCloseTo(4.5, offset(1e-12));
        assertThat(e.low()).isLessThan(4.5).isGreaterThan(4.0);
        assertThat(e.high()).isGreaterThan(4.5).isLessThan(5.0);
        assertThat(Bootstrap.standard().mean(v)).isEqualTo(e);
        Estimate constant = Bootstrap.standard().mean(new double[] {2, 2, 2});
        assertThat(constant.low()).isEqualTo(2.0);
        assertThat(constant.high()).isEqualTo(2.0);
    }

    @Test
    void categoricalScoresCountClippedPredictionsOverEveryFrame() {
        FrameMetrics m = new FrameMetrics(1, 1, 2, 2, new double[] {0.5});
        // truth events at 0 and 2; forecasts (after clipping 1.4 to 1) at 0 and 1: 1 hit, 1 miss, 1 false alarm
        m.add(new float[] {0.9f, 0.1f, 0.6f, 0.2f}, new float[] {1.4f, 0.7f, 0.3f, 0.1f}, 1);
        ThresholdScores.Scores s =
                m.summarise("x", Bootstrap.standard()).thresholds().get(0);
        Assertions.assertThat(s.csi()).isEqualTo(1.0 / 3);
        Assertions.assertThat(s.pod()).isEqualTo(0.5);
        Assertions.assertThat(s.far()).isEqualTo(0.5);
    }
}
