package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovingMnistTest {
    @TempDir
    Path dir;

    private MovingMnist source(int digits) throws IOException {
        MnistFixture.write(dir, 20, 10);
        return new MovingMnist(new MovingMnist.Config(64, digits, dir.toString()), 5);
    }

    @Test
    void trajectoriesMoveAtThreeToFivePixelsAndStayOnTheCanvas() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int n = 0; n < 200; n++) {
            int[][] path = MovingMnist.trajectory(rng, 20, 36, 36);
            for (int t = 0; t < path.length; t++) {
                assertThat(path[t][0]).isBetween(0, 36);
                assertThat(path[t][1]).isBetween(0, 36);
            }
            // away from walls, the step length is the speed (rounding moves each coordinate by at most 0.5)
            double step = Math.hypot(path[1][0] - path[0][0], path[1][1] - path[0][1]);
            if (path[0][0] > 6 && path[0][0] < 30 && path[0][1] > 6 && path[0][1] < 30) {
                assertThat(step).isBetween(3 - 1.5, 5 + 1.5);
            }
        }
    }

    @Test
    void framesHoldTheDigitsAndTrainingBatchesAreReproducible() throws IOException {
        MovingMnist two = source(2);
        Clips a = two.trainingBatch(7, 3, 20);
        assertThat(a.shape().getShape()).containsExactly(3, 20, 1, 64, 64);
        assertThat(a.data()).isEqualTo(two.trainingBatch(7, 3, 20).data());
        assertThat(a.data()).isNotEqualTo(two.trainingBatch(8, 3, 20).data());
        // each fixture digit is a 12x12 square: two digits light up between 144 and 288 pixels per frame
        for (int t = 0; t < 20; t++) {
            int lit = 0;
            for (int i = 0; i < 4096; i++) {
                lit += a.data()[t * 4096 + i] > 0 ? 1 : 0;
            }
            assertThat(lit).isBetween(144, 288);
        }
    }

    @Test
    void testSetIsFixedAndDrawnFromTestDigits() throws IOException {
        MovingMnist two = source(2);
        Clips test = two.testSet(4, 20);
        assertThat(test.data()).isEqualTo(two.testSet(4, 20).data());
        // fixture test digits are brighter than every training digit (>= 150/255)
        float max = 0;
        for (float v : test.data()) {
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThanOrEqualTo(150 / 255f);
        float trainMax = 0;
        for (float v : two.trainingBatch(0, 4, 20).data()) {
            trainMax = Math.max(trainMax, v);
        }
        assertThat(trainMax).isLessThan(150 / 255f);
    }

    @Test
    void threeDigitsLightMoreThanTwo() throws IOException {
        MnistFixture.write(dir, 20, 10);
        MovingMnist.Config c = new MovingMnist.Config(64, 2, dir.toString());
        double two = mean(new MovingMnist(c, 1).testSet(50, 2).data());
        double three = mean(new MovingMnist(c.withDigits(3), 1).testSet(50, 2).data());
        assertThat(three / two).isBetween(1.2, 1.6);
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Test
    void predRnnNpzRoundTripsAndRejectsBrokenClips() throws IOException {
        AugurEngine.cpu();
        MovingMnist two = source(2);
        Clips clips = two.testSet(3, 20);
        Path file = dir.resolve("moving-mnist-valid.npz");
        try (NDManager m = NDManager.newBaseManager()) {
            PredRnnNpz.write(file, clips, 10, m);
            Clips back = PredRnnNpz.read(m, file);
            assertThat(back.shape()).isEqualTo(clips.shape());
            assertThat(back.data()).isEqualTo(clips.data());
            assertThat(SequenceFiles.read(m, file).data())
                    .isEqualTo(clips.sequences(0, 1).data());
            Path bad = dir.resolve("bad.npz");
            Files.write(bad, Arrays.copyOf(Files.readAllBytes(file), 500));
            assertThatThrownBy(() -> PredRnnNpz.read(m, bad)).hasMessageContaining(bad.toString());
        }
    }

    @Test
    void configRejectsImpossibleSettings() {
        assertThatThrownBy(() -> new MovingMnist.Config(20, 2, "x")).hasMessageContaining("at least 28");
        assertThatThrownBy(() -> new MovingMnist.Config(64, 0, "x")).hasMessageContaining("1 to 9");
    }
}
