package dev.augur.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.engine.AugurEngine;
import dev.augur.events.AlgorithmicBaseline;
import dev.augur.events.BurstClassifier;
import dev.augur.events.BurstExperiment;
import dev.augur.events.BurstForecaster;
import dev.augur.events.BurstRule;
import dev.augur.events.FishTankSimulator;
import dev.augur.events.VideoLabels;
import dev.augur.train.ProgressListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs on {@code local[2]} against the single-machine answers, on simulated tanks and a corrupt file. */
class SparkJobsTest {
    @TempDir
    static Path dir;

    static Path videos;
    static Path bundle;
    static SparkSession spark;

    @BeforeAll
    static void archive() throws Exception {
        AugurEngine.cpu();
        videos = Files.createDirectories(dir.resolve("tanks"));
        for (int seed = 1; seed <= 2; seed++) {
            new FishTankSimulator(FishTankSimulator.Config.standard(), seed)
                    .simulate(20, videos.resolve("tank-" + seed + ".mkv"));
        }
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        Files.write(videos.resolve("corrupt.mp4"), noise);
        // a forecaster trained for a few steps on a tank of its own: its numbers need not be good, only reproducible
        Path training = dir.resolve("training.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), 9).simulate(180, training);
        BurstExperiment.run(
                training,
                new BurstExperiment.Settings(new BurstClassifier.Spec(30, 40, 8, 4, 4, 3), 4, 15, 4, 1e-3, 1, 3, 100),
                dir.resolve("run"),
                false,
                ProgressListener.SILENT);
        bundle = dir.resolve("run/model");
        spark = SparkSessions.start("augur test", "local[2]");
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static List<VideoInput> inputs() throws Exception {
        return VideoInputs.resolve(
                List.of(videos.toString()), spark.sparkContext().hadoopConfiguration());
    }

    private static List<Row> rows(Path out, String table, String video) {
        return spark.read()
                .parquet(PerVideoJob.partition(new org.apache.hadoop.fs.Path(out.toString()), table, video)
                        .toString())
                .orderBy("frame")
                .collectAsList();
    }

    @Test
    void prepareGivesTheSingleMachineLabelsAndIsolatesTheCorruptVideo() throws Exception {
        Path out = dir.resolve("prepare");
        VideoReader.Options options = VideoReader.Options.seed000();
        PerVideoJob.Result r = new PerVideoJob(spark, new org.apache.hadoop.fs.Path(out.toString()), 2)
                .run(inputs(), new PrepareTask(options, BurstRule.seed000(), false));

        assertThat(r.written()).isEqualTo(2);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.video().id()).isEqualTo("corrupt.mp4");
            assertThat(f.error())
                    .contains("corrupt.mp4")
                    .doesNotContain("Job aborted")
                    .doesNotContain("\tat ");
        });
        List<Row> failures = spark.read()
                .parquet(out.resolve("failures/job=frames").toString())
                .collectAsList();
        assertThat(failures)
                .singleElement()
                .satisfies(f -> assertThat(f.<String>getAs("video")).isEqualTo("corrupt.mp4"));

        for (String name : List.of("tank-1.mkv", "tank-2.mkv")) {
            VideoLabels expected = VideoLabels.of(
                    videos.resolve(name), options, BurstRule.seed000(), AlgorithmicBaseline.seed000(), false);
            List<Row> got = rows(out, "frames", name);
            assertThat(got).hasSize(expected.energy().length);
            int[] onsets = expected.burstOnsets();
            assertThat(onsets).isNotEmpty();
            for (int t = 0; t < got.size(); t++) {
                Row row = got.get(t);
                assertThat(row.<Integer>getAs("frame")).isEqualTo(t);
                assertThat(row.<Double>getAs("motion_energy")).isEqualTo(expected.energy()[t]);
                int label = expected.labels()[t];
                assertThat(row.<Integer>getAs("label")).isEqualTo(label < 0 ? null : label);
                double baseline = expected.baseline()[t];
                assertThat(row.<Double>getAs("baseline_probability"))
                        .isEqualTo(Double.isNaN(baseline) ? null : baseline);
                int frame = t;
                assertThat(row.<Boolean>getAs("burst_onset"))
                        .isEqualTo(Arrays.stream(onsets).anyMatch(o -> o == frame));
            }
        }

        PerVideoJob.Result again = new PerVideoJob(spark, new org.apache.hadoop.fs.Path(out.toString()), 2)
                .run(inputs(), new PrepareTask(options, BurstRule.seed000(), false));
        assertThat(again.skipped()).isEqualTo(2);
        assertThat(again.written()).isZero();
        assertThat(again.failures()).hasSize(1);
    }

    @Test
    void scoreGivesTheProbabilitiesOfBurstsForecastAndSummariseCountsThem() throws Exception {
        Path out = dir.resolve("score");
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out.toString());
        BundleFiles files = BundleFiles.read(bundle);
        PerVideoJob.Result r = new PerVideoJob(spark, root, 2)
                .run(
                        inputs(),
                        new ScoreTask(
                                JavaSparkContext.fromSparkContext(spark.sparkContext())
                                        .broadcast(files),
                                Double.NaN));
        assertThat(r.written()).isEqualTo(2);
        assertThat(r.failures())
                .singleElement()
                .satisfies(f -> assertThat(f.error()).contains("corrupt.mp4"));
        assertThat(ExecutorModels.loaded())
                .as("one load per executor (this JVM), not per task")
                .isEqualTo(1);
        new PerVideoJob(spark, root, 2)
                .run(inputs(), new PrepareTask(VideoReader.Options.seed000(), BurstRule.seed000(), false));

        List<Row> summary = new ArchiveSummary(spark, root).run();
        assertThat(summary).extracting(s -> s.<String>getAs("video")).containsExactly("tank-1.mkv", "tank-2.mkv");

        try (NDManager manager = NDManager.newBaseManager();
                BurstForecaster f = BurstForecaster.load(bundle, manager)) {
            for (int v = 0; v < 2; v++) {
                String name = "tank-" + (v + 1) + ".mkv";
                List<BurstForecaster.Forecast> expected = new ArrayList<>();
                try (VideoReader reader = VideoReader.open(videos.resolve(name), BurstForecaster.readerOptions())) {
                    f.run(reader, f.threshold(), expected::add);
                }
                List<Row> got = rows(out, "scores", name);
                assertThat(got).hasSize(expected.size());
                int alerts = 0;
                for (int t = 0; t < got.size(); t++) {
                    BurstForecaster.Forecast e = expected.get(t);
                    Row row = got.get(t);
                    if (Double.isNaN(e.probability())) {
                        assertThat(row.<Double>getAs("probability")).isNull();
                    } else {
                        assertThat(row.<Double>getAs("probability")).isCloseTo(e.probability(), offset(1e-6));
                        assertThat(row.<Double>getAs("calibrated")).isCloseTo(e.calibrated(), offset(1e-6));
                    }
                    assertThat(row.<Boolean>getAs("alert")).isEqualTo(e.alert());
                    boolean onset = e.alert() && (t == 0 || !expected.get(t - 1).alert());
                    alerts += onset ? 1 : 0;
                }
                VideoLabels labels = VideoLabels.of(
                        videos.resolve(name),
                        VideoReader.Options.seed000(),
                        BurstRule.seed000(),
                        AlgorithmicBaseline.seed000(),
                        false);
                long tp = 0, fp = 0, fn = 0;
                for (int t = 0; t < labels.labels().length; t++) {
                    int label = labels.labels()[t];
                    if (label < 0 || Double.isNaN(expected.get(t).probability())) {
                        continue;
                    }
                    boolean alert = expected.get(t).alert();
                    tp += alert && label == 1 ? 1 : 0;
                    fp += alert && label == 0 ? 1 : 0;
                    fn += !alert && label == 1 ? 1 : 0;
                }
                Row s = summary.get(v);
                assertThat(s.<Long>getAs("alerts")).isEqualTo(alerts);
                assertThat(s.<Long>getAs("bursts")).isEqualTo(labels.burstOnsets().length);
                assertThat(s.<Long>getAs("scored_frames")).isEqualTo(expected.size());
                assertThat(s.<Long>getAs("frames")).isEqualTo(labels.energy().length);
                if (tp + fp > 0) {
                    assertThat(((Number) s.getAs("precision")).doubleValue())
                            .isCloseTo((double) tp / (tp + fp), offset(1e-12));
                }
                if (tp + fn > 0) {
                    assertThat(((Number) s.getAs("recall")).doubleValue())
                            .isCloseTo((double) tp / (tp + fn), offset(1e-12));
                }
            }
        }
        assertThat(Files.readAllLines(out.resolve("summary/by_hour.csv")))
                .hasSize(3)
                .first()
                .asString()
                .startsWith("video,hour,frames");
    }

    @Test
    void aJobKilledHalfWayResumesWithoutDuplicatesOrLosses() throws Exception {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        List<String> names = List.of("a.mkv", "b.mkv", "c.mkv", "d.mkv", "e.mkv");
        for (String name : names) {
            Files.copy(videos.resolve("tank-1.mkv"), archive.resolve(name));
        }
        Path out = dir.resolve("killed");
        Process child = augurSpark(
                dir.resolve("killed.log"),
                "prepare",
                "--videos",
                archive.toString(),
                "--out",
                out.toString(),
                "--master",
                "local[1]",
                "--concurrent",
                "1");
        List<String> doneBeforeKill = new ArrayList<>();
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (doneBeforeKill.isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            for (String name : names) {
                if (Files.exists(out.resolve("frames/video=" + name + "/_SUCCESS"))) {
                    doneBeforeKill.add(name);
                }
            }
        }
        child.destroyForcibly().waitFor();
        assertThat(doneBeforeKill)
                .as("videos complete when killed; log: %s", dir.resolve("killed.log"))
                .isNotEmpty()
                .hasSizeLessThan(names.size());
        List<String> partsBefore = new ArrayList<>();
        for (String name : doneBeforeKill) {
            partsBefore.add(parquetFiles(out.resolve("frames/video=" + name)).get(0));
        }

        List<VideoInput> inputs = VideoInputs.resolve(
                List.of(archive.toString()), spark.sparkContext().hadoopConfiguration());
        PerVideoJob.Result r = new PerVideoJob(spark, new org.apache.hadoop.fs.Path(out.toString()), 2)
                .run(inputs, new PrepareTask(VideoReader.Options.seed000(), BurstRule.seed000(), false));

        assertThat(r.failures()).isEmpty();
        assertThat(r.skipped()).isEqualTo(doneBeforeKill.size());
        assertThat(r.written()).isEqualTo(names.size() - doneBeforeKill.size());
        for (int i = 0; i < doneBeforeKill.size(); i++) {
            assertThat(parquetFiles(out.resolve("frames/video=" + doneBeforeKill.get(i))))
                    .as("a video complete before the kill is not rewritten")
                    .containsExactly(partsBefore.get(i));
        }
        Dataset<Row> all = spark.read().parquet(out.resolve("frames").toString());
        long perVideo = rows(out, "frames", "a.mkv").size();
        assertThat(all.count()).isEqualTo(names.size() * perVideo);
        assertThat(all.select("video", "frame").distinct().count()).isEqualTo(names.size() * perVideo);
    }

    /** {@code augur spark <args>} in a JVM of its own (as the launcher runs it), output and errors to {@code log}. */
    private static Process augurSpark(Path log, String... args) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", classPath, SparkCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void theCommandLineNamesTheFailedVideoAndExitsWithTwo() throws Exception {
        Path out = dir.resolve("cli");
        Path log = dir.resolve("cli.log");
        Process prepare = augurSpark(
                log, "prepare", "--videos", videos.toString(), "--out", out.toString(), "--master", "local[2]");
        assertThat(prepare.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(log);
        assertThat(prepare.exitValue()).as(printed).isEqualTo(2);
        assertThat(printed)
                .contains("prepare: 2 videos written, 0 already complete (skipped), 1 failed")
                .contains("augur spark: corrupt.mp4 failed: ")
                .contains("1 of 3 videos failed; see " + out.resolve("failures"))
                .doesNotContain("\tat org.apache.spark");

        Process summarise = augurSpark(log, "summarise", "--out", out.toString());
        assertThat(summarise.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(summarise.exitValue()).as(Files.readString(log)).isZero();
        assertThat(Files.readString(log))
                .contains("tank-1.mkv,")
                .contains("tank-2.mkv,")
                .doesNotContain("corrupt.mp4,");
        assertThat(out.resolve("summary/by_video.csv")).exists();

        Process missing =
                augurSpark(log, "prepare", "--videos", dir.resolve("nowhere").toString(), "--out", out.toString());
        assertThat(missing.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(missing.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log))
                .contains("augur spark: error: " + dir.resolve("nowhere") + ": no such video, folder or pattern");
    }

    private static List<String> parquetFiles(Path partition) throws IOException {
        try (var files = Files.list(partition)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".parquet"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void videosComeFromFoldersGlobsAndListsWithUniqueNames() throws Exception {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        assertThat(VideoInputs.resolve(List.of(videos.toString()), conf))
                .extracting(VideoInput::id)
                .containsExactly("corrupt.mp4", "tank-1.mkv", "tank-2.mkv");
        assertThat(VideoInputs.resolve(List.of(videos + "/tank-*.mkv"), conf))
                .extracting(VideoInput::id)
                .containsExactly("tank-1.mkv", "tank-2.mkv");
        Path list = dir.resolve("videos.txt");
        Files.writeString(list, "# the second tank only\ntanks/tank-2.mkv\n\n");
        assertThat(VideoInputs.resolve(List.of(list.toString()), conf))
                .singleElement()
                .satisfies(v -> assertThat(v.uri()).isEqualTo("file:" + videos.resolve("tank-2.mkv")));

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.copy(videos.resolve("tank-1.mkv"), other.resolve("tank-1.mkv"));
        Assertions.assertThatThrownBy(() -> VideoInputs.resolve(List.of(videos.toString(), other.toString()), conf))
                .hasMessageContaining("two videos named tank-1.mkv");
        Assertions.assertThatThrownBy(
                        () -> VideoInputs.resolve(List.of(dir.resolve("nowhere").toString()), conf))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nowhere");
        Files.writeString(list, "tanks/missing.mkv\n");
        Assertions.assertThatThrownBy(() -> VideoInputs.resolve(List.of(list.toString()), conf))
                .hasMessageContaining("videos.txt")
                .hasMessageContaining("missing.mkv");
    }
}
