package dev.augur.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs a {@link VideoTask} over an archive, one Spark job per video, several at once. Each video's rows land in
 * {@code <out>/<table>/video=<id>/} through Spark's Parquet writer and commit protocol, so a video's output is
 * either complete (its {@code _SUCCESS} marker) or ignored: a killed run leaves no partial partition that
 * readers see, and a re-run skips complete videos and rewrites the rest — nothing twice, nothing lost. A video
 * that fails (corrupt file, too short) fails its own job only; it lands in {@code <out>/failures/job=<table>/}
 * with its error, which the next run of the same job replaces.
 */
public final class PerVideoJob {
    public static final String FAILURES = "failures";
    public static final StructType FAILURE_SCHEMA = new StructType()
            .add("video", DataTypes.StringType, false)
            .add("path", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, false)
            .add("failed_at", DataTypes.StringType, false);

    /** What happened to the archive: videos written now, skipped as complete, and failed (with their errors). */
    public record Result(int written, int skipped, List<Failure> failures) {}

    public record Failure(VideoInput video, String error) {}

    private final SparkSession spark;
    private final Path out;
    private final int concurrent;

    /**
     * @param concurrent videos in flight at once (Spark jobs submitted together); the cluster's cores is a fair value
     */
    public PerVideoJob(SparkSession spark, Path out, int concurrent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent videos must be >= 1, got " + concurrent);
        }
        this.spark = spark;
        this.out = out;
        this.concurrent = concurrent;
    }

    public static Path partition(Path out, String table, String videoId) {
        return new Path(new Path(out, table), "video=" + ExternalCatalogUtils.escapePathName(videoId));
    }

    public boolean complete(String table, VideoInput video) throws IOException {
        Path dir = partition(out, table, video.id());
        return dir.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(new Path(dir, "_SUCCESS"));
    }

    public Result run(List<VideoInput> videos, VideoTask task) throws IOException, InterruptedException {
        List<VideoInput> pending = new ArrayList<>();
        for (VideoInput v : videos) {
            if (!complete(task.table(), v)) {
                pending.add(v);
            }
        }
        List<Failure> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrent, Math.max(1, pending.size())));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (VideoInput v : pending) {
                jobs.add(pool.submit(() -> {
                    write(v, task);
                    return null;
                }));
            }
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    jobs.get(i).get();
                } catch (ExecutionException e) {
                    failures.add(new Failure(pending.get(i), describe(e.getCause(), pending.get(i))));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        writeFailures(task.table(), failures);
        return new Result(pending.size() - failures.size(), videos.size() - pending.size(), failures);
    }

    private void write(VideoInput video, VideoTask task) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription(task.table() + " " + video.id());
        JavaRDD<Row> rows = jsc.parallelize(List.of(video), 1).flatMap(task::rows);
        spark.createDataFrame(rows, task.schema())
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(partition(out, task.table(), video.id()).toString());
    }

    private void writeFailures(String table, List<Failure> failures) throws IOException {
        Path dir = new Path(new Path(out, FAILURES), "job=" + table);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (failures.isEmpty()) {
            fs.delete(dir, true);
            return;
        }
        String now = Instant.now().toString();
        List<Row> rows = failures.stream()
                .map(f -> RowFactory.create(f.video().id(), f.video().uri(), f.error(), now))
                .toList();
        spark.createDataFrame(rows, FAILURE_SCHEMA)
                .coalesce(1)
                .write()
                .mode(SaveMode.Overwrite)
                .parquet(dir.toString());
    }

    /**
     * The task's own error, not Spark's wrapping of it: the deepest message that names the video, else the root
     * cause's first line.
     */
    static String describe(Throwable error, VideoInput video) {
        String naming = null;
        String root = String.valueOf(error);
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.contains(video.id())) {
                naming = m;
            }
            root = m != null ? m : t.getClass().getName();
        }
        String chosen = naming != null ? naming : video.uri() + ": " + root;
        int stack = chosen.indexOf("\n\tat ");
        chosen = stack >= 0 ? chosen.substring(0, stack) : chosen;
        int lost = chosen.indexOf("): ");
        return chosen.startsWith("Job aborted") && lost >= 0
                ? chosen.substring(lost + 3).strip()
                : chosen.strip();
    }
}
