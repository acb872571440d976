package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecordingBootstrapTest {
    /** A recording of {@code n} frames whose score separates the classes by {@code signal} (0: not at all). */
    private static void recording(List<double[]> scores, List<int[]> labels, int n, double signal, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] s = new double[n];
        int[] y = new int[n];
        for (int t = 0; t < n; t++) {
            y[t] = (t / 50) % 4 == 0 ? 1 : 0; // bursts of 50 frames, a quarter of the time
            s[t] = rng.nextDouble() + signal * y[t];
        }
        scores.add(s);
        labels.add(y);
    }

    @Test
    void thePointIsThePooledStatisticAndTheIntervalReflectsHowRecordingsDiffer() {
        List<double[]> scores = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            recording(scores, labels, 2000, r < 3 ? 1.0 : 0.0, r); // three days it works, three it does not
        }
        double[] all = scores.stream().flatMapToDouble(Arrays::stream).toArray();
        int[] y = labels.stream().flatMapToInt(Arrays::stream).toArray();
        Estimate byRecording = new RecordingBootstrap(100, 400, 7)
                .interval(scores, labels, (s, l) -> new BinaryMetrics(s, l).rocAuc());
        Estimate byFrame = new BlockBootstrap(100, 400, 7).interval(all, y, (s, l) -> new BinaryMetrics(s, l).rocAuc());

        assertThat(byRecording.mean()).isCloseTo(new BinaryMetrics(all, y).rocAuc(), within(1e-12));
        assertThat(byFrame.mean()).isCloseTo(byRecording.mean(), within(1e-12));
        // treating six recordings as one long series hides that half of them do not work
        assertThat(byRecording.high() - byRecording.low()).isGreaterThan(2 * (byFrame.high() - byFrame.low()));
        assertThat(byRecording.low()).isLessThan(byRecording.mean()).isGreaterThan(0.5);
    }

    @Test
    void pairedDifferencesUseTheSameResampleAndIdenticalForecastersDifferByZero() {
        List<double[][]> scores = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            List<double[]> one = new ArrayList<>();
            List<int[]> y = new ArrayList<>();
            recording(one, y, 600, 0.5, 10 + r);
            scores.add(new double[][] {one.get(0), one.get(0).clone()});
            labels.add(y.get(0));
        }
        Estimate d = new RecordingBootstrap(50, 200, 1)
                .paired(
                        scores,
                        labels,
                        (s, l) -> new BinaryMetrics(s[0], l).rocAuc() - new BinaryMetrics(s[1], l).rocAuc());
        assertThat(d.mean()).isZero();
        assertThat(d.low()).isZero();
        assertThat(d.high()).isZero();
    }

    @Test
    void refusesMismatchedInputs() {
        assertThatThrownBy(() -> new RecordingBootstrap(10, 100, 1).paired(List.of(), List.of(), (s, l) -> 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecordingBootstrap(0, 100, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
