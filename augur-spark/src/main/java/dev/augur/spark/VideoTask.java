package dev.augur.spark;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What a job computes for one video, on an executor: its rows, streamed in frame order (never the video's frames
 * all at once). Errors name the video.
 */
public interface VideoTask extends Serializable {
    /** The output table's folder under the job's output root, e.g. {@code frames}. */
    String table();

    StructType schema();

    Iterator<Row> rows(VideoInput video) throws Exception;
}
