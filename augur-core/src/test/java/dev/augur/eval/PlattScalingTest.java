package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

    @Test
    void recoversTheMapThatInflatedCalibratedProbabilities() {
        // true probability q; the forecaster reports σ(0.5·logit(q) + 1.5), over-confident towards positives
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40_000;
        double[] reported = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double z = rng.nextGaussian() * 2 - 1.5;
            double q = 1 / (1 + Math.exp(-z));
            y[i] = rng.nextDouble() < q ? 1 : 0;
            reported[i] = 1 / (1 + Math.exp(-(0.5 * z + 1.5)));
        }
        PlattScaling fit = PlattScaling.fit(reported, y);
        // inverse map: z = (logit(reported) − 1.5) / 0.5 → a = 2, b = −3
        assertThat(fit.a()).isCloseTo(2.0, offset(0.1));
        assertThat(fit.b()).isCloseTo(-3.0, offset(0.15));
        double before = new BinaryMetrics(reported, y).brier();
        double after = new BinaryMetrics(fit.apply(reported), y).brier();
        assertThat(after).isLessThan(before);
        assertThat(new BinaryMetrics(fit.apply(reported), y).rocAuc())
                .isCloseTo(new BinaryMetrics(reported, y).rocAuc(), offset(1e-12));
    }

    @Test
    void aWellCalibratedForecasterIsLeftAlmostAlone() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 40_000;
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = rng.nextDouble();
            y[i] = rng.nextDouble() < p[i] ? 1 : 0;
        }
        PlattScaling fit = PlattScaling.fit(p, y);
        assertThat(fit.apply(0.3)).isCloseTo(0.3, offset(0.02));
        assertThat(fit.apply(0.8)).isCloseTo(0.8, offset(0.02));
    }

    @Test
    void oneClassOnlyIsAnError() {
        assertThatThrownBy(() -> PlattScaling.fit(new double[] {0.2, 0.4}, new int[] {0, 0}))
                .hasMessageContaining("both classes");
    }

    @Test
    void forecastsCrowdedAtOneValueDoNotThrowTheFitOff() {
        // like seed 000's baseline: a third of the frames at exactly 0.5, the rest spread up to 1, positives rarer
        SplittableRandom rng = new SplittableRandom(11);
        int n = 2000;
        double[] p = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i % 3 == 0 ? 0.5 : 0.5 + 0.5 * rng.nextDouble();
            y[i] = rng.nextDouble() < 0.02 + 0.25 * (p[i] - 0.5) ? 1 : 0;
        }
        PlattScaling fit = PlattScaling.fit(p, y);
        assertThat(fit.a()).isPositive();
        assertThat(new BinaryMetrics(fit.apply(p), y).brier()).isLessThan(new BinaryMetrics(p, y).brier());
    }
}
