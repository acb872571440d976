package dev.augur.data;

import dev.augur.io.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One recording's frames at a model's resolution, 8 bits a pixel, in a temporary file read back at random: training
 * draws windows from many recordings without holding their frames in memory (30 minutes at 120×160 are 1 GB a
 * recording; the operating system's page cache keeps what is read often). The file's name carries the process id
 * ({@link AtomicFiles#tempFile}): it is deleted on close, or by the next store made in the same folder when this
 * process was killed.
 */
public final class FrameStore implements Closeable {
    private static final String PREFIX = ".frames.";

    private final Path file;
    private final FileChannel channel;
    private final int height;
    private final int width;
    private int frames;

    private FrameStore(Path file, int height, int width) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.height = height;
        this.width = width;
    }

    /** An empty store of {@code height}×{@code width} frames in a temporary file in {@code dir}. */
    public static FrameStore create(Path dir, int height, int width) throws IOException {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("frame size must be at least 1x1, got " + width + "x" + height);
        }
        Files.createDirectories(dir);
        return new FrameStore(AtomicFiles.tempFile(dir, PREFIX, ".u8"), height, width);
    }

    /** Appends the next frame (row-major, {@code height × width} bytes). */
    public void append(byte[] frame) throws IOException {
        if (frame.length != plane()) {
            throw new IllegalArgumentException("a frame holds " + plane() + " pixels, got " + frame.length);
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        long at = (long) frames * plane();
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
        frames++;
    }

    /** Frames {@code first .. first + count − 1}, one after the other. */
    public byte[] read(int first, int count) {
        if (first < 0 || count < 0 || first + count > frames) {
            throw new IndexOutOfBoundsException(
                    "frames " + first + ".." + (first + count - 1) + " of a store of " + frames + " frames");
        }
        byte[] out = new byte[count * plane()];
        ByteBuffer b = ByteBuffer.wrap(out);
        long at = (long) first * plane();
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, at + b.position());
                if (n < 0) {
                    throw new IOException("ends before frame " + (first + count));
                }
            }
        } catch (IOException e) {
            // the file is this process's own: losing it mid-run is a broken machine, not a user's input
            throw new IllegalStateException(file + ": frame store unreadable: " + e.getMessage(), e);
        }
        return out;
    }

    public int frameCount() {
        return frames;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    private int plane() {
        return height * width;
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
