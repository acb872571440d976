package dev.augur.data;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Keeps a slow consumer near the live edge of a source: a reader thread decodes every frame as it arrives into a
 * queue of at most {@code lag} frames; when the consumer falls further behind, the oldest frames are dropped and
 * counted as skipped. Streams deliver frames in bursts (packets, decoder reordering), so the queue absorbs a burst a
 * consumer that keeps up on average can take; when it does, nothing is skipped and the frames are exactly the
 * source's.
 */
public final class RealtimeFrames implements FrameSource {
    private final FrameSource source;
    private final Thread reader;
    private final int lag;
    private final ArrayDeque<VideoReader.GreyFrame> queue = new ArrayDeque<>();
    private boolean ended;
    private IOException failure;
    private long skipped;

    /** @param lag frames the consumer may be behind before the oldest are dropped (half a second: 15 at 30 fps) */
    public RealtimeFrames(FrameSource source, int lag) {
        if (lag < 1) {
            throw new IllegalArgumentException("lag must be at least one frame, got " + lag);
        }
        this.source = source;
        this.lag = lag;
        this.reader = new Thread(this::readAll, "augur-realtime-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            VideoReader.GreyFrame f;
            while ((f = source.next()) != null) {
                offer(f);
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException(e.getMessage(), e));
        }
        synchronized (this) {
            ended = true;
            notifyAll();
        }
    }

    private synchronized void offer(VideoReader.GreyFrame f) {
        if (queue.size() == lag) {
            queue.removeFirst();
            skipped++;
        }
        queue.addLast(f);
        notifyAll();
    }

    private synchronized void fail(IOException e) {
        failure = e;
    }

    @Override
    public synchronized VideoReader.GreyFrame next() throws IOException {
        while (queue.isEmpty() && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a frame", e);
            }
        }
        if (!queue.isEmpty()) {
            return queue.removeFirst();
        }
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    @Override
    public synchronized long skipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
