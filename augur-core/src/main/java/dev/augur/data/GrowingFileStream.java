package dev.augur.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Reads a file that another program is still writing (a camera recorder, {@code ffmpeg -f matroska}), like
 * {@code tail -f}: at the current end it waits for more bytes, and ends only once the file has not grown for
 * {@code idleMillis}. Pair it with a container that can be read front to back (Matroska/WebM, MPEG-TS).
 */
public final class GrowingFileStream extends InputStream {
    private final RandomAccessFile file;
    private final long idleMillis;
    private final long pollMillis;

    public GrowingFileStream(Path path, long idleMillis) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "r");
        this.idleMillis = idleMillis;
        this.pollMillis = Math.max(10, Math.min(200, idleMillis / 10));
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long waitedSince = -1;
        while (true) {
            int n = file.read(b, off, len);
            if (n > 0) {
                return n;
            }
            long now = System.currentTimeMillis();
            if (waitedSince < 0) {
                waitedSince = now;
            } else if (now - waitedSince >= idleMillis) {
                return -1;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
