package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.events.BurstSeries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bursts train|forecast|test on per-frame series files, from the command line. */
class SeriesCliTest {
    private final CommandRunner cli = new CommandRunner();

    /** Noise with lulls; the frame after a 6-frame lull is a burst onset: learnable from the past alone. */
    static Path series(Path dir, String name, long seed, int n) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] e = new double[n];
        int[] y = new int[n];
        double[] baseline = new double[n];
        int lull = 0;
        for (int t = 0; t < n; t++) {
            lull = lull == 0 && rng.nextDouble() < 0.05 ? 6 : lull;
            e[t] = lull > 0 ? 0.0002 + 0.0001 * rng.nextDouble() : 0.001 + 0.001 * rng.nextDouble();
            y[t] = t > 0 && lull == 0 && e[t - 1] < 0.0005 ? 1 : 0;
            lull = Math.max(0, lull - 1);
            baseline[t] = rng.nextDouble();
        }
        Path f = dir.resolve(name);
        BurstSeries.of(name, 30, e, y, baseline).write(f);
        return f;
    }

    private List<String> stdout(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(cli.run(args)).as(cli.err()).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aManifestSplitsSeriesFilesAndItsTestRecordingsAreScoredByTheSavedModel(@TempDir Path dir) throws Exception {
        series(dir, "day-1.csv", 1, 2000);
        series(dir, "day-2.csv", 2, 2000);
        series(dir, "day-3.csv", 3, 800);
        series(dir, "day-4.csv", 4, 600);
        series(dir, "day-5.csv", 5, 600);
        Path manifest = Files.writeString(dir.resolve("split.csv"), """
                path,split
                day-1.csv,train
                day-2.csv,train
                day-3.csv,validation
                day-4.csv,test
                day-5.csv,test
                """);
        Path run = dir.resolve("run");
        List<String> printed = stdout(
                "bursts",
                "train",
                "--manifest",
                manifest.toString(),
                "--out",
                run.toString(),
                "--steps",
                "100",
                "--window",
                "12",
                "--hidden",
                "8",
                "--lr",
                "3e-3",
                "--evaluate-every",
                "50",
                "--architecture",
                "logistic");
        assertThat(Files.readString(run.resolve("model/model.json")))
                .contains("day-1.csv")
                .contains("day-2.csv")
                .doesNotContain("day-4.csv");
        String tested = Files.readString(run.resolve("test-recordings/summary.md"));
        assertThat(tested).contains("| day-4.csv |").contains("| day-5.csv |").contains("Pooled over all recordings");
        assertThat(printed).contains("Test recordings (scored by the saved model, as bursts test does):");
    }

    @Test
    void trainChoosesOnValidationThenForecastAndTestReadTheBundle(@TempDir Path dir) throws Exception {
        Path train = series(dir, "train.csv", 1, 3000);
        Path validation = series(dir, "validation.csv", 2, 800);
        Path test = series(dir, "test.csv", 3, 600);
        Path run = dir.resolve("run");
        assertThat(cli.run(
                        "bursts",
                        "train",
                        "--series",
                        train.toString(),
                        "--validation-series",
                        validation.toString(),
                        "--out",
                        run.toString(),
                        "--steps",
                        "200",
                        "--window",
                        "12",
                        "--hidden",
                        "8",
                        "--lr",
                        "3e-3",
                        "--evaluate-every",
                        "100"))
                .as(cli.err())
                .isZero();
        assertThat(Files.readString(run.resolve("model/model.json"))).contains("\"task\" : \"bursts-series\"");
        assertThat(Files.readString(run.resolve("summary.md")))
                .contains("TCN-LSTM")
                .contains("logistic regression (reference)")
                .contains("seed 000 baseline")
                .contains("(chosen)");
        assertThat(run.resolve("report.html")).isNotEmptyFile();

        List<String> lines =
                stdout("bursts", "forecast", "--model", run.resolve("model").toString(), "--series", test.toString());
        assertThat(lines).hasSize(600);
        assertThat(lines.get(11)).contains("\"probability\":null");
        assertThat(lines.get(12))
                .matches("\\{\"frame\":12,\"time\":0.4,\"probability\":0\\.\\d+.*\"alert\":(true|false)}");

        Path forecasts = dir.resolve("elsewhere.csv");
        Files.writeString(
                forecasts,
                "frame,probability\n"
                        + String.join(
                                "\n",
                                IntStream.range(0, 600)
                                        .mapToObj(t -> t + "," + (t % 7) / 7.0)
                                        .toList())
                        + "\n");
        Path out = dir.resolve("scored");
        List<String> table = stdout(
                "bursts",
                "test",
                "--model",
                run.resolve("model").toString(),
                "--series",
                test.toString(),
                "--forecasts",
                "elsewhere=" + forecasts,
                "--out",
                out.toString());
        assertThat(String.join("\n", table))
                .contains("| elsewhere |")
                .contains("seed 000 baseline")
                .contains("ROC-AUC TCN-LSTM − elsewhere")
                .contains("ROC-AUC TCN-LSTM − seed 000 baseline");
        assertThat(out.resolve("metrics.json")).isNotEmptyFile();
        assertThat(out.resolve("scores.csv")).isNotEmptyFile();

        // a lab's days: every test recording alone and pooled, named by a glob
        series(dir, "test-day2.csv", 4, 600);
        Path pooled = dir.resolve("pooled");
        String many = String.join(
                "\n",
                stdout(
                        "bursts",
                        "test",
                        "--model",
                        run.resolve("model").toString(),
                        "--series",
                        dir + "/test*.csv",
                        "--out",
                        pooled.toString()));
        assertThat(many)
                .contains("2 recordings, 1176 frames scored") // 12 frames fill the first window of each
                .contains("| test.csv | 588 |")
                .contains("| test-day2.csv | 588 |")
                .contains("Pooled over all recordings")
                .contains("two-stage bootstrap");
        assertThat(pooled.resolve("recordings/test.csv/summary.md")).isNotEmptyFile();
        assertThat(pooled.resolve("recordings/test-day2.csv/report.html")).isNotEmptyFile();
        assertThat(pooled.resolve("report.html")).isNotEmptyFile();
        assertThat(pooled.resolve("per_recording.png")).isNotEmptyFile();
        assertThat(cli.run(
                        "bursts",
                        "test",
                        "--series",
                        dir + "/test*.csv",
                        "--forecasts",
                        "elsewhere=" + forecasts,
                        "--out",
                        dir.resolve("no").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("--forecasts");
    }

    @Test
    void aLabsRecordingsAreTrainedChosenAndTestedAsSeparateSets(@TempDir Path dir) throws Exception {
        Path days = Files.createDirectories(dir.resolve("train-days"));
        for (int d = 1; d <= 3; d++) {
            series(days, "day-" + d + ".csv", 20 + d, 1500);
        }
        Path v1 = series(dir, "validation-1.csv", 31, 500);
        Path v2 = series(dir, "validation-2.csv", 32, 500);
        Path run = dir.resolve("run");
        assertThat(cli.run(
                        "bursts",
                        "train",
                        "--series",
                        days.toString(),
                        "--validation-series",
                        v1 + "," + v2,
                        "--out",
                        run.toString(),
                        "--architecture",
                        "logistic",
                        "--window",
                        "12",
                        "--steps",
                        "100",
                        "--evaluate-every",
                        "50"))
                .as(cli.err())
                .isZero();
        assertThat(Files.readString(run.resolve("summary.md")))
                .contains("validation-1.csv + ")
                .contains("validation-2.csv: 976 frames scored"); // 2 x 500, less the first window and the guard
        // and each validation recording alone, beside the pooled figure
        Path perDay = run.resolve("validation-recordings");
        assertThat(Files.readString(perDay.resolve("summary.md")))
                .contains("| validation-1.csv |")
                .contains("| validation-2.csv |");
        assertThat(perDay.resolve("per_recording.png")).isNotEmptyFile();
        assertThat(perDay.resolve("report.html")).isNotEmptyFile();

        Path tests = Files.createDirectories(dir.resolve("test-days"));
        series(tests, "day-4.csv", 24, 600);
        series(tests, "day-5.csv", 25, 600);
        String table = String.join(
                "\n",
                stdout(
                        "bursts",
                        "test",
                        "--model",
                        run.resolve("model").toString(),
                        "--series",
                        tests.toString(),
                        "--out",
                        dir.resolve("scored").toString()));
        assertThat(table).contains("2 recordings").contains("| day-4.csv |").contains("| day-5.csv |");

        // a recording used for training may not choose the model too, by any name
        Path alias = Files.createSymbolicLink(dir.resolve("alias.csv"), days.resolve("day-2.csv"));
        assertThat(cli.run(
                        "bursts",
                        "train",
                        "--series",
                        days.toString(),
                        "--validation-series",
                        alias.toString(),
                        "--out",
                        dir.resolve("leak").toString(),
                        "--architecture",
                        "logistic",
                        "--window",
                        "12",
                        "--steps",
                        "10"))
                .isEqualTo(1);
        assertThat(cli.err())
                .contains("are one recording")
                .contains("day-2.csv")
                .contains("alias.csv");
    }

    @Test
    void labelReadsASeriesFromATrackerAndKeepsItsColumns(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("frame,motion_energy,speed\n");
        for (int t = 0; t < 400; t++) {
            double e = t % 60 < 50 ? 0.001 : 0.003; // a spike every 2 s
            csv.append(t).append(',').append(e).append(',').append(t % 7).append('\n');
        }
        Path tracked = dir.resolve("tracked.csv");
        Files.writeString(tracked, csv);
        Path out = dir.resolve("labels.csv");
        assertThat(cli.run("bursts", "label", "--series", tracked.toString(), "--out", out.toString()))
                .as(cli.err())
                .isZero();
        BurstSeries s = BurstSeries.read(out);
        assertThat(s.featureNames()).containsExactly("speed");
        assertThat(s.labels()[118]).isEqualTo(-1); // seed 000's warm-up
        // spikes at frames 170 … 179: frame 125 is the first whose 45 frames ahead reach one; frame 124 sees none
        assertThat(s.labels()[124]).isEqualTo(0);
        assertThat(s.labels()[125]).isEqualTo(1);
        assertThat(s.labels()[140]).isEqualTo(1);
        assertThat(s.labels()[175]).isEqualTo(0); // inside the spike: not low now
        assertThat(s.baseline()[100]).isBetween(0.0, 1.0);
    }

    @Test
    void badSeriesInputIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path test = series(dir, "test.csv", 3, 200);
        Path broken = dir.resolve("broken.csv");
        Files.writeString(broken, "frame,probability\n5,0.2\n6,high\n");
        assertThat(cli.run(
                        "bursts",
                        "test",
                        "--series",
                        test.toString(),
                        "--forecasts",
                        "b=" + broken,
                        "--out",
                        dir.resolve("o").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("broken.csv").contains("line 3").contains("'high'");
        assertThat(dir.resolve("o")).doesNotExist();
        cli.clearErr();
        assertThat(cli.run(
                        "bursts",
                        "train",
                        "--series",
                        test.toString(),
                        "--out",
                        dir.resolve("r").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("--validation-series");
        cli.clearErr();
        assertThat(cli.run(
                        "bursts",
                        "forecast",
                        "--model",
                        dir.resolve("nothing").toString(),
                        "--series",
                        test.toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("nothing");
        cli.clearErr();
        // an empty --out would mean the current folder
        assertThat(cli.run(
                        "bursts",
                        "train",
                        "--series",
                        test.toString(),
                        "--validation-series",
                        test.toString(),
                        "--out",
                        ""))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--out").contains("empty path");
        cli.clearErr();
        // outputs where no file belongs, or of the wrong kind: a sentence each, nothing written
        assertThat(cli.run("bursts", "test", "--series", test.toString(), "--out", "/proc/augur"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("'/proc/augur' is inside /proc");
        cli.clearErr();
        Path aFile = Files.writeString(dir.resolve("a-file.txt"), "x");
        assertThat(cli.run("bursts", "test", "--series", test.toString(), "--out", aFile.toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("a-file.txt: a file is in the way (a folder is needed here)");
        cli.clearErr();
        assertThat(cli.run("bursts", "label", "--series", test.toString(), "--out", dir.toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains(dir + ": is a folder; a file name is needed here");
        cli.clearErr();
        assertThat(cli.run(
                        "bursts",
                        "train",
                        "--series",
                        test.toString(),
                        "--validation-series",
                        test.toString(),
                        "--out",
                        dir.resolve("fresh").toString(),
                        "--resume"))
                .isEqualTo(1);
        assertThat(cli.err()).contains("fresh").contains("--resume").contains("no checkpoint");
    }
}
