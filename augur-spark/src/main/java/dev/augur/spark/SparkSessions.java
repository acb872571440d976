package dev.augur.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a job: the cluster's under spark-submit, else embedded on this machine. */
public final class SparkSessions {
    private SparkSessions() {}

    /** @param master used only when spark-submit has not named one (e.g. {@code local[*]}, {@code local[2]}) */
    public static SparkSession start(String app, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(app);
        if (System.getProperty("spark.master") == null) {
            b.master(master)
                    .config("spark.ui.enabled", "false")
                    // summaries are small: a few partitions, not the default 200
                    .config("spark.sql.shuffle.partitions", "4");
        }
        // the archive's id columns are file names: keep them strings ("0101" stays "0101")
        b.config("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        return b.getOrCreate();
    }
}
