package dev.augur.spark;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a job: the cluster's under spark-submit, else embedded on this machine. */
public final class SparkSessions {
    private SparkSessions() {}

    /** The jars on this JVM's class path that Spark's own distribution does not have: Augur and its libraries. */
    static List<String> ownJars() {
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (entry.endsWith(".jar")
                    && !p.getParent().getFileName().toString().equals("spark-lib")) {
                jars.add(p.toString());
            }
        }
        return jars;
    }

    /** This JVM's options that our code relies on (module opens, DJL's settings), for the executors. */
    static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")
                        || a.startsWith("-Dai.djl.")
                        || a.startsWith("-Dio.netty.")
                        || a.startsWith("-Djdk.reflect.")
                        || a.equals("-XX:+IgnoreUnrecognizedVMOptions"))
                .toList();
    }

    /** @param master used only when spark-submit has not named one (e.g. {@code local[*]}, {@code local[2]}) */
    public static SparkSession start(String app, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(app);
        if (System.getProperty("spark.master") == null) {
            b.master(master)
                    .config("spark.ui.enabled", "false")
                    // summaries are small: a few partitions, not the default 200
                    .config("spark.sql.shuffle.partitions", "4");
            if (!master.startsWith("local")) {
                // a cluster's executors are other JVMs: ship them our jars and the JVM options our code needs,
                // as spark-submit --jars and --conf spark.executor.extraJavaOptions would
                b.config("spark.jars", String.join(",", ownJars()))
                        .config("spark.executor.extraJavaOptions", String.join(" ", jvmOptions()));
            }
        }
        // the archive's id columns are file names: keep them strings ("0101" stays "0101")
        b.config("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        return b.getOrCreate();
    }
}
