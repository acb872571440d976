package dev.augur.spark;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.engine.AugurEngine;
import dev.augur.events.BurstExperiment;
import dev.augur.events.BurstForecaster;
import dev.augur.events.BurstRule;
import dev.augur.events.FishTankSimulator;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Archive throughput on this machine, in one run: the single-machine loop of {@code augur bursts forecast} over
 * the same videos (the reference), then {@code score} and {@code prepare} on {@code local[1]} and
 * {@code local[2]}, each after an untimed warm-up job on the first video. Frames/s include decoding, Spark's
 * scheduling and the Parquet writes; every process uses one DJL thread per task. The estimate for a large archive
 * extrapolates the measured per-core rate linearly and says so.
 */
public final class ArchiveBench {
    /** One measured run. */
    public record Run(String job, int cores, long frames, double seconds) {
        public double framesPerSecond() {
            return frames / seconds;
        }
    }

    /** Frames of {@code hours} of video at 30 fps. */
    static long frames(double hours) {
        return Math.round(hours * 3600 * 30);
    }

    private ArchiveBench() {}

    /** Simulated tanks for the bench: {@code count} videos of {@code seconds}, made once under {@code dir}. */
    public static Path videos(Path dir, int count, double seconds) throws IOException {
        Path videos = Files.createDirectories(dir.resolve("videos"));
        for (int i = 1; i <= count; i++) {
            Path v = videos.resolve(String.format(Locale.ROOT, "tank-%02d.mkv", i));
            if (!Files.exists(v)) {
                new FishTankSimulator(FishTankSimulator.Config.standard(), 100 + i).simulate(seconds, v);
            }
        }
        return videos;
    }

    public static List<Run> run(Path model, Path videos, Path out, int[] cores) throws Exception {
        AugurEngine.cpu();
        List<Run> runs = new ArrayList<>();
        runs.add(reference(model, videos));
        BundleFiles bundle = BundleFiles.read(model);
        for (int c : cores) {
            for (String job : List.of("score", "prepare")) {
                Path dir = out.resolve(job + "-local" + c);
                AtomicFiles.deleteTree(dir);
                SparkSession spark = SparkSessions.start("augur bench", "local[" + c + "]");
                try {
                    List<VideoInput> inputs = VideoInputs.resolve(
                            List.of(videos.toString()), spark.sparkContext().hadoopConfiguration());
                    VideoTask task = job.equals("score")
                            ? new ScoreTask(
                                    JavaSparkContext.fromSparkContext(spark.sparkContext())
                                            .broadcast(bundle),
                                    Double.NaN)
                            : new PrepareTask(VideoReader.Options.seed000(), BurstRule.seed000(), false);
                    // untimed: the session's first job pays for code generation and class loading
                    new PerVideoJob(
                                    spark,
                                    new org.apache.hadoop.fs.Path(
                                            out.resolve("warm-up").toString()),
                                    1)
                            .run(inputs.subList(0, 1), task);
                    AtomicFiles.deleteTree(out.resolve("warm-up"));
                    long t0 = System.nanoTime();
                    PerVideoJob.Result r =
                            new PerVideoJob(spark, new org.apache.hadoop.fs.Path(dir.toString()), c).run(inputs, task);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    if (!r.failures().isEmpty()) {
                        throw new IOException(
                                "bench video failed: " + r.failures().get(0).error());
                    }
                    long frames = spark.read()
                            .parquet(dir.resolve(task.table()).toString())
                            .count();
                    runs.add(new Run(job, c, frames, seconds));
                } finally {
                    spark.stop();
                }
            }
        }
        return runs;
    }

    /** {@code augur bursts forecast}'s loop over every video, one after another, in this JVM. */
    private static Run reference(Path model, Path videos) throws IOException {
        List<Path> files;
        try (var list = Files.list(videos)) {
            files = list.filter(p -> p.toString().endsWith(".mkv")).sorted().toList();
        }
        long frames = 0;
        long t0 = 0;
        try (NDManager manager = NDManager.newBaseManager();
                BurstForecaster f = BurstForecaster.load(model, manager)) {
            for (int i = -1; i < files.size(); i++) { // i = -1: the same untimed warm-up on the first video
                if (i == 0) {
                    frames = 0;
                    t0 = System.nanoTime();
                }
                Path v = files.get(Math.max(i, 0));
                try (VideoReader r = VideoReader.open(v, BurstForecaster.readerOptions())) {
                    frames += f.run(r, f.threshold(), fc -> {});
                }
            }
        }
        return new Run("bursts forecast (one machine, no Spark)", 1, frames, (System.nanoTime() - t0) / 1e9);
    }

    /** The table, the ratios to the reference and the stated estimate for {@code hours} of 30 fps video. */
    public static String describe(List<Run> runs, Path model, double hours) {
        Run ref = runs.get(0);
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "Archive throughput, model %s (%s), %d frames per run%n",
                model,
                modelShape(model),
                ref.frames()));
        b.append("| job | local cores | frames | seconds | frames/s | vs reference |\n|---|---|---|---|---|---|\n");
        for (Run r : runs) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.1f | %.1f | %.2fx |%n",
                    r.job(),
                    r.cores(),
                    r.frames(),
                    r.seconds(),
                    r.framesPerSecond(),
                    r.framesPerSecond() / ref.framesPerSecond()));
        }
        Run one = find(runs, "score", 1);
        Run two = find(runs, "score", 2);
        if (one != null && two != null) {
            double efficiency = two.framesPerSecond() / (2 * one.framesPerSecond());
            double perCore = two.framesPerSecond() / 2;
            long total = frames(hours);
            b.append(String.format(
                    Locale.ROOT,
                    "%nScaling 1 -> 2 cores: %.2fx (efficiency %.0f%%); %.1f frames/s per core.%n",
                    two.framesPerSecond() / one.framesPerSecond(),
                    100 * efficiency,
                    perCore));
            b.append(String.format(
                    Locale.ROOT,
                    "ESTIMATE (linear extrapolation of the 2-core rate; not measured on a cluster): "
                            + "%.0f hours of 30 fps video = %,d frames -> %.0f hours on this 2-core machine; "
                            + "%d cores to score it in 24 h, %d cores in 8 h (e.g. %d executors of 8 cores).%n",
                    hours,
                    total,
                    total / two.framesPerSecond() / 3600,
                    cores(total, perCore, 24),
                    cores(total, perCore, 8),
                    (cores(total, perCore, 8) + 7) / 8));
        }
        return b.toString();
    }

    static int cores(long frames, double framesPerSecondPerCore, double hours) {
        return (int) Math.ceil(frames / (framesPerSecondPerCore * hours * 3600));
    }

    private static Run find(List<Run> runs, String job, int cores) {
        return runs.stream()
                .filter(r -> r.job().equals(job) && r.cores() == cores)
                .findFirst()
                .orElse(null);
    }

    private static String modelShape(Path model) {
        try {
            var info = ModelBundle.read(model, BurstExperiment.TASK).section("model", BurstExperiment.BurstModel.class);
            var s = info.settings().model();
            return String.format(
                    Locale.ROOT,
                    "%dx%d frames, %d filters, %s",
                    s.height(),
                    s.width(),
                    s.hidden(),
                    s.stateful()
                            ? "stateful: one step per " + s.framesPerStep() + " frames"
                            : s.window() + "-frame window rerun per frame");
        } catch (IOException e) {
            return "unreadable bundle: " + e.getMessage();
        }
    }

    /** Writes the runs as JSON beside the table. */
    public static void write(List<Run> runs, String table, Path out) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("runs", runs);
        AtomicFiles.writeString(
                out.resolve("bench.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        AtomicFiles.writeString(out.resolve("bench.md"), table);
    }
}
