package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class BouncingBallsTest {
    private final BouncingBalls balls = new BouncingBalls(BouncingBalls.Config.seed001(), 11);

    @Test
    void trainingBatchesAreAPureFunctionOfTheStep() {
        assertThat(balls.trainingBatch(5, 2, 4).data())
                .isEqualTo(balls.trainingBatch(5, 2, 4).data());
        assertThat(balls.trainingBatch(5, 2, 4).data())
                .isNotEqualTo(balls.trainingBatch(6, 2, 4).data());
        assertThat(new BouncingBalls(BouncingBalls.Config.seed001(), 12)
                        .trainingBatch(5, 2, 4)
                        .data())
                .isNotEqualTo(balls.trainingBatch(5, 2, 4).data());
    }

    @Test
    void testSetIsFixedAndNotATrainingBatch() {
        Clips a = balls.testSet(3, 5);
        assertThat(a.data()).isEqualTo(balls.testSet(3, 5).data());
        for (long step = 0; step < 50; step++) {
            assertThat(balls.trainingBatch(step, 3, 5).data()).isNotEqualTo(a.data());
        }
    }

    @Test
    void pixelsLieInTheUnitIntervalAndBallsAreVisible() {
        Clips c = balls.testSet(4, 6);
        float max = 0;
        for (float v : c.data()) {
            assertThat(v).isBetween(0f, 1f);
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(0.9f);
        assertThat(c.channels()).isEqualTo(3);
    }

    @Test
    void collisionsAreElasticAndBallsStayInTheBox() {
        double[][][] track = balls.simulate(new SplittableRandom(3), 400);
        double energy0 = energy(track[0]);
        for (double[][] t : track) {
            assertThat(energy(t)).isCloseTo(energy0, Offset.offset(1e-9));
            for (double[] b : t) {
                assertThat(b[0]).isBetween(1.2 - 1e-9, 10 - 1.2 + 1e-9);
                assertThat(b[1]).isBetween(1.2 - 1e-9, 10 - 1.2 + 1e-9);
            }
        }
    }

    @Test
    void velocityColourTellsTheDirection() {
        BouncingBalls one = new BouncingBalls(new BouncingBalls.Config(32, 1, 1.2, 0.5, true), 4);
        Clips c = one.trainingBatch(0, 1, 2);
        int plane = 32 * 32;
        int brightest = 0;
        for (int i = 0; i < plane; i++) {
            if (c.data()[2 * plane + i] > c.data()[2 * plane + brightest]) {
                brightest = i;
            }
        }
        float blue = c.data()[2 * plane + brightest];
        float red = c.data()[brightest];
        float green = c.data()[plane + brightest];
        // red and green are blue scaled by 0.5 + 0.5 * v/|v|max, and the speed is |v|max: a point on the unit circle
        double vx = (red / blue - 0.5) * 2;
        double vy = (green / blue - 0.5) * 2;
        assertThat(Math.hypot(vx, vy)).isCloseTo(1.0, Offset.offset(1e-3));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new BouncingBalls.Config(32, 0, 1.2, 0.5, true))
                .hasMessageContaining("ball");
        assertThatThrownBy(() -> new BouncingBalls.Config(32, 3, 1.2, 2.0, true))
                .hasMessageContaining("speed");
    }

    private static double energy(double[][] t) {
        double e = 0;
        for (double[] b : t) {
            e += b[2] * b[2] + b[3] * b[3];
        }
        return e;
    }
}
