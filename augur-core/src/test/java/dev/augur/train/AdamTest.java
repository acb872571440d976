package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    /** torch.optim.Adam's update, written out: m, v, bias corrections, ε added after correcting v. */
    @Test
    void matchesPyTorchsAdamStepByStep() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1.0f, -2.0f, 0.5f});
            double[] ref = {1.0, -2.0, 0.5};
            double[] mom = new double[3];
            double[] vel = new double[3];
            double lr = 0.01;
            try (Adam adam = new Adam(m, List.of(w), lr)) {
                for (int t = 1; t <= 5; t++) {
                    double[] g = new double[3];
                    float[] gf = new float[3];
                    for (int i = 0; i < 3; i++) {
                        g[i] = 2 * ref[i] + 0.1 * t; // gradient of a drifting quadratic
                        gf[i] = (float) g[i];
                        mom[i] = 0.9 * mom[i] + 0.1 * g[i];
                        vel[i] = 0.999 * vel[i] + 0.001 * g[i] * g[i];
                        double mHat = mom[i] / (1 - Math.pow(0.9, t));
                        double vHat = vel[i] / (1 - Math.pow(0.999, t));
                        ref[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                    }
                    try (NDManager step = m.newSubManager()) {
                        adam.update(List.of(w), List.of(step.create(gf)), 1f);
                    }
                }
                float[] got = w.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertThat((double) got[i]).isCloseTo(ref[i], offset(1e-6));
                }
                assertThat(adam.step()).isEqualTo(5);
            }
        }
    }

    @Test
    void gradientScaleShrinksTheGradientBeforeTheMoments() {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {0f});
            NDArray b = m.create(new float[] {0f});
            try (Adam one = new Adam(m, List.of(a), 0.1);
                    Adam two = new Adam(m, List.of(b), 0.1)) {
                one.update(List.of(a), List.of(m.create(new float[] {4f})), 0.5f);
                two.update(List.of(b), List.of(m.create(new float[] {2f})), 1f);
            }
            assertThat(a.toFloatArray()[0]).isEqualTo(b.toFloatArray()[0]);
        }
    }
}
