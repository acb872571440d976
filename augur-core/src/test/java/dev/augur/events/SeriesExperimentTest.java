package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.train.ProgressListener;
import dev.augur.train.StopRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesExperimentTest {

    /**
     * A learnable series: energy is noise with occasional lulls; a burst follows every lull that lasts 6 frames, so
     * the label at t is decided by the last frames before t (and by nothing the baseline column knows).
     */
    static BurstSeries learnable(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] e = new double[n];
        int[] y = new int[n];
        double[] baseline = new double[n];
        int lull = 0;
        for (int t = 0; t < n; t++) {
            if (lull == 0 && rng.nextDouble() < 0.05) {
                lull = 6;
            }
            e[t] = lull > 0 ? 0.0002 + 0.0001 * rng.nextDouble() : 0.001 + 0.001 * rng.nextDouble();
            y[t] = t > 0 && lull == 0 && e[t - 1] < 0.0005 ? 1 : 0; // the frame right after a lull
            lull = Math.max(0, lull - 1);
            baseline[t] = rng.nextDouble();
        }
        return BurstSeries.of("learnable-" + seed, 30, e, y, baseline);
    }

    @Test
    void learnsALearnableSeriesChoosesOnValidationAndTheBundleForecastsTheSame(@TempDir Path out) throws Exception {
        AugurEngine.start("cpu");
        BurstSeries train = learnable(1, 3000);
        BurstSeries validation = learnable(2, 800);
        List<SeriesExperiment.Settings> grid = List.of(
                new SeriesExperiment.Settings("tcn_lstm", 12, 8, 300, 32, 3e-3, 1, 100),
                new SeriesExperiment.Settings("logistic", 12, 1, 300, 32, 3e-3, 1, 100));
        SeriesExperiment.Result r =
                SeriesExperiment.run(List.of(train), validation, grid, out, false, l -> ProgressListener.SILENT);
        assertThat(r.candidates()).hasSize(2);
        for (SeriesExperiment.Candidate c : r.candidates()) {
            assertThat(c.validationAuc()).as(c.settings().label()).isGreaterThan(0.9);
        }
        assertThat(r.chosen().validationAuc())
                .isEqualTo(r.candidates().stream()
                        .mapToDouble(SeriesExperiment.Candidate::validationAuc)
                        .max()
                        .orElseThrow());
        ForecastComparison.Row model = r.validation().rows().get(0);
        ForecastComparison.Row baseline =
                r.validation().rows().get(r.validation().rows().size() - 1);
        assertThat(baseline.rocAuc().mean()).isCloseTo(0.5, offset(0.1));
        assertThat(model.rocAuc().mean()).isCloseTo(r.chosen().validationAuc(), offset(1e-9));
        assertThat(r.validation()
                        .differences()
                        .get(r.validation().differences().size() - 1)
                        .rocAuc()
                        .low())
                .isGreaterThan(0.2);
        // the loss fell: the first logged validation score is below the kept one, or the kept step came later
        List<String> history = Files.readAllLines(
                out.resolve("candidates").resolve(grid.get(0).label()).resolve("selection.csv"));
        assertThat(history).hasSize(4);

        try (NDManager m = NDManager.newBaseManager();
                SeriesForecaster f = SeriesForecaster.load(out.resolve("model"), m)) {
            double[] p = f.probabilities(validation);
            assertThat(p[11]).isNaN();
            assertThat(p[12]).isBetween(0.0, 1.0);
            List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
            String[] first = scores.get(1).split(",", -1);
            assertThat(Double.parseDouble(first[4])).isCloseTo(p[Integer.parseInt(first[0])], offset(1e-12));
        }

        // a resumed run keeps finished candidates as they are
        SeriesExperiment.Result again =
                SeriesExperiment.run(List.of(train), validation, grid, out, true, l -> ProgressListener.SILENT);
        assertThat(again.chosen()).isEqualTo(r.chosen());
    }

    /**
     * A stop request ends the candidate with a checkpoint and chooses nothing; resuming gives the uninterrupted run.
     */
    @Test
    void aStoppedRunResumesToTheSameChoice(@TempDir Path dir) throws Exception {
        AugurEngine.start("cpu");
        BurstSeries train = learnable(1, 2000);
        BurstSeries validation = learnable(2, 600);
        List<SeriesExperiment.Settings> grid =
                List.of(new SeriesExperiment.Settings("logistic", 12, 1, 200, 32, 3e-3, 1, 50));
        SeriesExperiment.Result straight = SeriesExperiment.run(
                List.of(train), validation, grid, dir.resolve("straight"), false, l -> ProgressListener.SILENT);

        StopRequest stop = new StopRequest();
        ProgressListener stopAt75 = new ProgressListener() {
            @Override
            public void stepped(long step, long total, float loss) {
                if (step == 75) {
                    stop.request();
                }
            }
        };
        Path out = dir.resolve("stopped");
        SeriesExperiment.Result stopped =
                SeriesExperiment.run(List.of(train), validation, grid, out, false, l -> stopAt75, stop);
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.candidates()).isEmpty();
        Path candidate = out.resolve("candidates").resolve(grid.get(0).label());
        assertThat(candidate.resolve("checkpoint.npz")).exists();
        assertThat(candidate.resolve("done.json")).doesNotExist();
        assertThat(out.resolve("model")).doesNotExist();

        SeriesExperiment.Result resumed =
                SeriesExperiment.run(List.of(train), validation, grid, out, true, l -> ProgressListener.SILENT);
        assertThat(resumed.stopped()).isFalse();
        assertThat(resumed.chosen().bestStep()).isEqualTo(straight.chosen().bestStep());
        assertThat(resumed.chosen().validationAuc()).isEqualTo(straight.chosen().validationAuc());
    }
}
