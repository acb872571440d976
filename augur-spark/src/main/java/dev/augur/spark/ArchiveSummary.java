package dev.augur.spark;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code summarise}: per video and hour (and per video), burst episodes from {@code prepare}'s labels, alert
 * episodes from {@code score}'s forecasts, and — where a frame has both a label and a forecast — the frame-level
 * precision and recall of the alerts. Reads only complete video partitions; writes {@code <out>/summary/by_hour}
 * and {@code by_video} as Parquet and as CSV beside them.
 */
public final class ArchiveSummary {
    private final SparkSession spark;
    private final Path out;

    public ArchiveSummary(SparkSession spark, Path out) {
        this.spark = spark;
        this.out = out;
    }

    /** The per-video table, after writing both tables. */
    public List<Row> run() throws IOException {
        boolean frames = register(PrepareTask.TABLE);
        boolean scores = register(ScoreTask.TABLE);
        if (!frames && !scores) {
            throw new NoSuchFileException(
                    out.toString(),
                    null,
                    "no complete frames/ or scores/ partitions: run spark prepare or spark score with this "
                            + "--out first");
        }
        if (!frames) {
            spark.sql("SELECT CAST(NULL AS STRING) video, 0 frame, 0D time, CAST(NULL AS INT) label, "
                            + "false burst_onset WHERE false")
                    .createOrReplaceTempView(PrepareTask.TABLE);
        }
        if (!scores) {
            spark.sql("SELECT CAST(NULL AS STRING) video, 0 frame, 0D time, CAST(NULL AS DOUBLE) "
                            + "probability, false alert," + " false alert_onset WHERE false")
                    .createOrReplaceTempView(ScoreTask.TABLE);
        }
        write("by_hour", table(List.of("video", "hour")));
        Dataset<Row> byVideo = table(List.of("video"));
        write("by_video", byVideo);
        return byVideo.collectAsList();
    }

    /** One row per value of {@code keys} (column names of both views). */
    private Dataset<Row> table(List<String> keys) {
        String k = String.join(", ", keys);
        String merged = String.join(
                ", ",
                keys.stream()
                        .map(c -> "coalesce(l.%1$s, a.%1$s) AS %1$s".formatted(c))
                        .toList());
        String onLa = String.join(
                " AND ",
                keys.stream().map(c -> "l.%1$s <=> a.%1$s".formatted(c)).toList());
        String onC = String.join(
                " AND ",
                keys.stream().map(c -> "la.%1$s <=> c.%1$s".formatted(c)).toList());
        return spark.sql(("WITH f AS (SELECT *, CAST(FLOOR(time / 3600) AS INT) AS hour FROM frames),"
                        + " s AS (SELECT *, CAST(FLOOR(time / 3600) AS INT) AS hour FROM scores),"
                        + " l AS (SELECT %1$s, count(*) AS frames, count(label) AS labelled_frames,"
                        + "   sum(CASE WHEN label = 1 THEN 1 ELSE 0 END) AS positive_frames,"
                        + "   sum(CASE WHEN burst_onset THEN 1 ELSE 0 END) AS bursts FROM f GROUP BY %1$s),"
                        + " a AS (SELECT %1$s, count(*) AS scored_frames, sum(CASE WHEN alert THEN 1 ELSE 0 "
                        + "END) AS alert_frames,"
                        + "   sum(CASE WHEN alert_onset THEN 1 ELSE 0 END) AS alerts FROM s GROUP BY %1$s),"
                        + " j AS (SELECT s.video, s.hour, s.alert, f.label FROM s JOIN f ON s.video = f.video "
                        + "AND s.frame = f.frame"
                        + "   WHERE f.label IS NOT NULL AND s.probability IS NOT NULL),"
                        + " c AS (SELECT %1$s, sum(CASE WHEN alert AND label = 1 THEN 1 ELSE 0 END) AS tp,"
                        + "   sum(CASE WHEN alert AND label = 0 THEN 1 ELSE 0 END) AS fp,"
                        + "   sum(CASE WHEN NOT alert AND label = 1 THEN 1 ELSE 0 END) AS fn FROM j GROUP BY %1$s),"
                        + " la AS (SELECT %2$s, l.frames, l.labelled_frames, l.positive_frames, l.bursts,"
                        + "   a.scored_frames, a.alert_frames, a.alerts FROM l FULL OUTER JOIN a ON %3$s)"
                        + " SELECT la.*, c.tp AS true_alert_frames,"
                        + "   CASE WHEN c.tp + c.fp > 0 THEN c.tp / (c.tp + c.fp) END AS precision,"
                        + "   CASE WHEN c.tp + c.fn > 0 THEN c.tp / (c.tp + c.fn) END AS recall"
                        + " FROM la LEFT JOIN c ON %4$s ORDER BY %5$s")
                .formatted(
                        k,
                        merged,
                        onLa,
                        onC,
                        String.join(", ", keys.stream().map(c -> "la." + c).toList())));
    }

    /** Registers the complete partitions of {@code table} as a view; false when there are none. */
    private boolean register(String table) throws IOException {
        Path root = new Path(out, table);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            return false;
        }
        List<String> complete = new ArrayList<>();
        for (FileStatus s : fs.listStatus(root)) {
            if (s.isDirectory()
                    && s.getPath().getName().startsWith("video=")
                    && fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
                complete.add(s.getPath().toString());
            }
        }
        if (complete.isEmpty()) {
            return false;
        }
        spark.read()
                .option("basePath", root.toString())
                .parquet(complete.toArray(String[]::new))
                .createOrReplaceTempView(table);
        return true;
    }

    private void write(String name, Dataset<Row> table) throws IOException {
        Path dir = new Path(new Path(out, "summary"), name);
        table.coalesce(1).write().mode(SaveMode.Overwrite).parquet(dir.toString());
        Path csv = new Path(new Path(out, "summary"), name + ".csv");
        FileSystem fs = csv.getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path tmp = new Path(csv.getParent(), "." + name + ".csv.tmp");
        try (Writer w = new OutputStreamWriter(fs.create(tmp, true), StandardCharsets.UTF_8)) {
            w.write(String.join(",", table.columns()) + "\n");
            for (Row r : table.collectAsList()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.length(); i++) {
                    Object v = r.get(i);
                    cells.add(
                            v == null
                                    ? ""
                                    : v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v.toString());
                }
                w.write(String.join(",", cells) + "\n");
            }
        }
        fs.delete(csv, false);
        if (!fs.rename(tmp, csv)) {
            throw new IOException("cannot move " + tmp + " to " + csv);
        }
    }
}
