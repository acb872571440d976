package dev.augur.spark;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.events.BurstForecaster;
import dev.augur.events.BurstRule;
import dev.augur.io.FlagRange;
import dev.augur.io.Flags;
import dev.augur.train.ModelBundle;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code augur spark <job>}: the archive jobs on Spark. Embedded on this machine ({@code --master local[*]}) or,
 * under {@code spark-submit}, on the cluster it names. Exit code 0 when every video succeeded, 2 when some
 * failed (listed, and in {@code <out>/failures}), 1 on an error that stops the job.
 */
@Command(
        name = "augur spark",
        mixinStandardHelpOptions = true,
        versionProvider = SparkCommand.Version.class,
        description = "Video archives on Apache Spark: prepare (labels), score (forecasts), summarise.",
        subcommands = {
            SparkCommand.Prepare.class,
            SparkCommand.Score.class,
            SparkCommand.Summarise.class,
            SparkCommand.Bench.class
        })
public final class SparkCommand implements Runnable {
    /** The version bundles record, as `augur --version` prints it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"augur " + ModelBundle.AUGUR_VERSION};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a job: prepare, score or summarise");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return Flags.commandLine(new SparkCommand(), "augur spark");
    }

    /** Where the job runs and writes. */
    static final class Cluster {
        @Option(
                names = "--out",
                required = true,
                description = "output root (local path or any Hadoop file system URI)")
        String out;

        @Option(
                names = "--master",
                defaultValue = "local[*]",
                description = "Spark master when not under spark-submit (default: ${DEFAULT-VALUE}, every core here)")
        String master;

        SparkSession session(String job) {
            return SparkSessions.start("augur " + job, master);
        }
    }

    /** The archive a per-video job reads. */
    static final class Archive {
        @Mixin
        Cluster cluster;

        @Option(
                names = "--videos",
                required = true,
                arity = "1..*",
                split = ",",
                description = "videos: folders (searched recursively), glob patterns ('tanks/*/day-*.mp4') or list "
                        + "files (.txt)")
        List<String> videos;

        @FlagRange(min = 0, max = 10_000)
        @Option(
                names = "--concurrent",
                defaultValue = "0",
                description = "videos in flight at once (default: ${DEFAULT-VALUE} = Spark's default parallelism)")
        int concurrent;

        int run(String job, Function<SparkSession, VideoTask> task) throws Exception {
            SparkSession spark = cluster.session(job);
            try {
                List<VideoInput> inputs =
                        VideoInputs.resolve(videos, spark.sparkContext().hadoopConfiguration());
                int n = concurrent > 0 ? concurrent : spark.sparkContext().defaultParallelism();
                long start = System.nanoTime();
                PerVideoJob.Result r = new PerVideoJob(spark, new Path(cluster.out), n).run(inputs, task.apply(spark));
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%s: %d videos written, %d already complete (skipped), %d failed; %.1f s -> %s%n",
                        job,
                        r.written(),
                        r.skipped(),
                        r.failures().size(),
                        seconds,
                        cluster.out);
                for (PerVideoJob.Failure f : r.failures()) {
                    System.err.println("augur spark: " + f.video().id() + " failed: " + f.error());
                }
                if (!r.failures().isEmpty()) {
                    System.err.println("augur spark: " + r.failures().size() + " of " + inputs.size()
                            + " videos failed; see " + new Path(new Path(cluster.out), PerVideoJob.FAILURES));
                    return 2;
                }
                return 0;
            } finally {
                spark.stop();
            }
        }
    }

    @Command(
            name = "prepare",
            mixinStandardHelpOptions = true,
            description = "Per-frame motion energy, burst labels and baseline of every video -> <out>/frames "
                    + "(Parquet, by video).")
    static final class Prepare implements Callable<Integer> {
        @Mixin
        Archive archive;

        @FlagRange(min = 0, minExcluded = true, max = 1000)
        @Option(names = "--fps", defaultValue = "30", description = "resample to this rate (default: ${DEFAULT-VALUE})")
        double fps;

        @FlagRange(min = 4, max = 4096)
        @Option(names = "--height", defaultValue = "120", description = "(default: ${DEFAULT-VALUE})")
        int height;

        @FlagRange(min = 4, max = 4096)
        @Option(names = "--width", defaultValue = "160", description = "(default: ${DEFAULT-VALUE})")
        int width;

        @FlagRange(min = 1, max = 1000)
        @Option(
                names = "--horizon",
                defaultValue = "" + BurstRule.SEED_HORIZON,
                description = "h, frames ahead (default: ${DEFAULT-VALUE} = 1.5 s)")
        int horizon;

        @FlagRange(min = 0, minExcluded = true, max = 1e9)
        @Option(
                names = "--min-range",
                defaultValue = "" + BurstRule.SEED_MIN_RANGE,
                description = "c (default: ${DEFAULT-VALUE}, seed's footage)")
        double minRange;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--low-fraction",
                defaultValue = "" + BurstRule.SEED_LOW_FRACTION,
                description = "b (default: ${DEFAULT-VALUE})")
        double lowFraction;

        @Option(names = "--refit", description = "rescale c and the baseline's constants to each video's motion energy")
        boolean refit;

        @Override
        public Integer call() throws Exception {
            PrepareTask task = new PrepareTask(
                    new VideoReader.Options(height, width, fps, null),
                    new BurstRule(horizon, minRange, lowFraction, BurstRule.SEED_WARM_UP),
                    refit);
            return archive.run("prepare", spark -> task);
        }
    }

    @Command(
            name = "score",
            mixinStandardHelpOptions = true,
            description = "Per-frame burst probabilities and alerts of a saved forecaster -> <out>/scores (Parquet, "
                    + "by video).")
    static final class Score implements Callable<Integer> {
        @Mixin
        Archive archive;

        @Option(names = "--model", required = true, description = "bundle folder written by augur bursts train")
        java.nio.file.Path model;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--threshold",
                description = "alert threshold (default: the bundle's validation Youden threshold)")
        Double threshold;

        @Override
        public Integer call() throws Exception {
            BundleFiles bundle = BundleFiles.read(model);
            try (var m = NDManager.newBaseManager();
                    BurstForecaster check = BurstForecaster.load(model, m)) {
                // fail here, once, on a bundle that is not a burst forecaster, not in every task
                check.threshold();
            }
            double t = threshold != null ? threshold : Double.NaN;
            return archive.run(
                    "score",
                    spark -> new ScoreTask(
                            JavaSparkContext.fromSparkContext(spark.sparkContext())
                                    .broadcast(bundle),
                            t));
        }
    }

    @Command(
            name = "summarise",
            aliases = "summarize",
            mixinStandardHelpOptions = true,
            description =
                    "Per video and per hour: bursts, alerts, precision/recall where labels exist -> <out>/summary.")
    static final class Summarise implements Callable<Integer> {
        @Mixin
        Cluster cluster;

        @Override
        public Integer call() throws Exception {
            SparkSession spark = cluster.session("summarise");
            try {
                List<Row> rows = new ArchiveSummary(spark, new Path(cluster.out)).run();
                System.out.println("video,frames,bursts,scored_frames,alerts,precision,recall");
                for (Row r : rows) {
                    System.out.println(String.join(
                            ",",
                            r.getAs("video"),
                            count(r.getAs("frames")),
                            count(r.getAs("bursts")),
                            count(r.getAs("scored_frames")),
                            count(r.getAs("alerts")),
                            format(r.getAs("precision")),
                            format(r.getAs("recall"))));
                }
                System.out.println("wrote " + new Path(new Path(cluster.out), "summary"));
                return 0;
            } finally {
                spark.stop();
            }
        }

        private static String count(Object v) {
            return v == null ? "" : v.toString();
        }

        private static String format(Object v) {
            return v == null ? "" : String.format(Locale.ROOT, "%.3f", ((Number) v).doubleValue());
        }
    }

    @Command(
            name = "bench",
            mixinStandardHelpOptions = true,
            description =
                    "Frames/s of score and prepare on local[1] and local[2] against the single-machine forecast loop,"
                            + " and a stated estimate for a large archive -> <out>/bench.md, bench.json.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "bundle folder written by augur bursts train")
        java.nio.file.Path model;

        @Option(names = "--out", required = true, description = "work folder (simulated videos are kept and reused)")
        java.nio.file.Path out;

        @FlagRange(min = 1, max = 10_000)
        @Option(names = "--videos", defaultValue = "4", description = "simulated videos (default: ${DEFAULT-VALUE})")
        int count;

        @FlagRange(min = 0, minExcluded = true, max = 1e6)
        @Option(names = "--seconds", defaultValue = "60", description = "length of each (default: ${DEFAULT-VALUE})")
        double seconds;

        @FlagRange(min = 0, minExcluded = true, max = 1e6)
        @Option(
                names = "--hours",
                defaultValue = "1000",
                description = "archive size for the estimate (default: ${DEFAULT-VALUE})")
        double hours;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path videos = ArchiveBench.videos(out, count, seconds);
            List<ArchiveBench.Run> runs = ArchiveBench.run(model, videos, out, new int[] {1, 2});
            String table = ArchiveBench.describe(runs, model, hours);
            ArchiveBench.write(runs, table, out);
            System.out.print(table);
            return 0;
        }
    }
}
