package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastComparisonTest {

    /** ROC-AUC by counting every (positive, negative) pair, ties one half: the definition, written out. */
    static double pairwiseAuc(double[] p, int[] y) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void scoresOnlyTheFramesEveryForecasterScoredAndMatchesHandCountedAuc() {
        int n = 400;
        double[] energy = new double[n];
        int[] labels = new int[n];
        double[] a = new double[n];
        double[] b = new double[n];
        SplittableRandom rng = new SplittableRandom(3);
        for (int t = 0; t < n; t++) {
            energy[t] = 0.001;
            labels[t] = t < 5 ? -1 : rng.nextDouble() < 0.2 ? 1 : 0;
            a[t] = t < 50 ? Double.NaN : Math.min(1, Math.max(0, 0.5 * labels[t] + rng.nextDouble() * 0.7));
            b[t] = t < 20 ? Double.NaN : rng.nextDouble();
        }
        BurstSeries s = BurstSeries.of("synthetic", 30, energy, labels, new double[n]);
        ForecastComparison.Result r = ForecastComparison.compare(
                "synthetic",
                s,
                List.of(
                        new ForecastComparison.Forecaster("a", a, 0.5),
                        new ForecastComparison.Forecaster("b", b, Double.NaN)),
                10);
        assertThat(r.frames()).isEqualTo(n - 50);
        assertThat(r.firstFrame()).isEqualTo(50);
        double[] pa = Arrays.copyOfRange(a, 50, n);
        double[] pb = Arrays.copyOfRange(b, 50, n);
        int[] y = Arrays.copyOfRange(labels, 50, n);
        assertThat(r.rows().get(0).rocAuc().mean()).isCloseTo(pairwiseAuc(pa, y), offset(1e-12));
        assertThat(r.rows().get(1).rocAuc().mean()).isCloseTo(pairwiseAuc(pb, y), offset(1e-12));
        assertThat(r.differences().get(0).rocAuc().mean())
                .isCloseTo(pairwiseAuc(pa, y) - pairwiseAuc(pb, y), offset(1e-12));
        assertThat(r.differences().get(0).rocAuc().low()).isGreaterThan(0); // a carries the label, b is noise
        assertThat(r.rows().get(0).atValidationThreshold().threshold()).isEqualTo(0.5);
        assertThat(r.rows().get(1).atValidationThreshold()).isNull();
        assertThat(ForecastComparison.table(r)).contains("none chosen").contains("chosen here");
    }

    @Test
    void forecastFilesAreCheckedLineByLine(@TempDir Path dir) throws Exception {
        BurstSeries s = BurstSeries.of("s", 30, new double[10], new int[10], new double[10]);
        assertThat(ForecastComparison.readForecasts(write(dir, "frame,probability\n3,0.25\n4,\n"), s)[3])
                .isEqualTo(0.25);
        assertThatThrownBy(() -> ForecastComparison.readForecasts(write(dir, "frame,probability\n3,1.5\n"), s))
                .hasMessageContaining("line 2")
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> ForecastComparison.readForecasts(write(dir, "frame,probability\n3,0.1\n3,0.2\n"), s))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ForecastComparison.readForecasts(write(dir, "frame,probability\n30,0.1\n"), s))
                .hasMessageContaining("frame 30 is not in");
        assertThatThrownBy(() -> ForecastComparison.readForecasts(write(dir, "frame,p\n3,0.1\n"), s))
                .hasMessageContaining("'probability'");
    }

    private static Path write(Path dir, String text) throws Exception {
        Path f = Files.createTempFile(dir, "f", ".csv");
        Files.writeString(f, text);
        return f;
    }

    /**
     * From a block's arrays alone, bursts test scores forecasts on the frames seed 000 scored (119 … T − 12) and its
     * ROC-AUC is the one counted by hand: the notebook baseline, given as a forecasts file, scores what the
     * series' own baseline column scores.
     */
    @Test
    void reproducesTheSeedsScoringOnTheRealValidationBlock(@TempDir Path dir) throws Exception {
        Path data = RealFishData.folder();
        AugurEngine.start("cpu");
        BurstSeries s;
        try (NDManager m = NDManager.newBaseManager()) {
            s = FishLin2021.read(data, m).get(1).series();
        }
        Path series = dir.resolve("validation.csv");
        s.write(series);
        StringBuilder csv = new StringBuilder("frame,probability\n");
        for (int t = 0; t < s.length(); t++) {
            double p = FishLin2021Test.notebook(s.energy(), Math.max(t, 89));
            csv.append(t)
                    .append(',')
                    .append(t < 119 || t > s.length() - 12 ? "" : Double.toString(p))
                    .append('\n');
        }
        Files.writeString(dir.resolve("notebook.csv"), csv);
        BurstScoring.Scored scored;
        try (NDManager m = NDManager.newBaseManager()) {
            scored = BurstScoring.load(null, series, null, Map.of("notebook", dir.resolve("notebook.csv")), m);
        }
        ForecastComparison.Result r =
                ForecastComparison.compare("validation", scored.series(), scored.forecasters(), 45);
        assertThat(r.firstFrame()).isEqualTo(119);
        assertThat(r.lastFrame()).isEqualTo(s.length() - 12);
        int[] y = Arrays.copyOfRange(s.labels(), 119, s.length() - 11);
        double[] p = new double[y.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = FishLin2021Test.notebook(s.energy(), 119 + i);
        }
        double auc = pairwiseAuc(p, y);
        assertThat(r.rows()).extracting(ForecastComparison.Row::name).containsExactly("notebook", "seed 000 baseline");
        for (ForecastComparison.Row row : r.rows()) {
            assertThat(row.rocAuc().mean()).isCloseTo(auc, offset(1e-9));
        }
        assertThat(auc).isBetween(0.7, 0.9);
        ForecastComparison.write(r, scored.series(), scored.forecasters(), dir.resolve("out"));
        assertThat(dir.resolve("out/report.html")).exists();
        assertThat(Files.readAllLines(dir.resolve("out/scores.csv"))).hasSize(1 + r.frames());
    }
}
