package dev.augur.data;

import java.io.IOException;

/**
 * Keeps a slow consumer at the live edge of a source: a reader thread decodes every frame as it arrives and keeps
 * only the newest; {@link #next} hands that one over, and frames overwritten before they were taken are counted
 * as skipped. When the consumer keeps up, nothing is skipped and the frames are exactly the source's.
 */
public final class RealtimeFrames implements FrameSource {
    private final FrameSource source;
    private final Thread reader;
    private VideoReader.GreyFrame newest;
    private boolean ended;
    private IOException failure;
    private long skipped;

    public RealtimeFrames(FrameSource source) {
        this.source = source;
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
        if (newest != null) {
            skipped++;
        }
        newest = f;
        notifyAll();
    }

    private synchronized void fail(IOException e) {
        failure = e;
    }

    @Override
    public synchronized VideoReader.GreyFrame next() throws IOException {
        while (newest == null && !ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a frame", e);
            }
        }
        if (newest != null) {
            VideoReader.GreyFrame f = newest;
            newest = null;
            return f;
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
