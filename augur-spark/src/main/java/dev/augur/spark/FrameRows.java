package dev.augur.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Rows made one at a time as Spark's writer asks for them; the resources behind them are closed after the last
 * row, or when the task ends early (killed or failed).
 */
abstract class FrameRows implements Iterator<Row> {
    private final VideoInput video;
    private final AutoCloseable[] resources;
    private Row next;
    private boolean done;
    private boolean closed;

    FrameRows(VideoInput video, AutoCloseable... resources) {
        this.video = video;
        this.resources = resources;
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
    }

    /** The next row, or null after the last. */
    abstract Row compute() throws IOException;

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = compute();
            } catch (IOException e) {
                close();
                throw new UncheckedIOException(named(video, e));
            }
            if (next == null) {
                done = true;
                close();
            }
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = resources.length - 1; i >= 0; i--) {
            try {
                resources[i].close();
            } catch (Exception ignored) {
                // the rows are written or the task has failed already; a close error adds nothing
            }
        }
    }

    /** The error itself when it is an I/O error naming the video, else one that does. */
    static IOException named(VideoInput video, Exception e) {
        return e instanceof IOException io && String.valueOf(e.getMessage()).contains(video.id())
                ? io
                : new IOException(naming(video, e), e);
    }

    /** The error's message, prefixed with the video unless it names it already. */
    static String naming(VideoInput video, Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.contains(video.id()) ? m : video.uri() + ": " + m;
    }
}
