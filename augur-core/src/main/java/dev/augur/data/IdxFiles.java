package dev.augur.data;

import dev.augur.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * LeCun's IDX format of the MNIST files: a big-endian magic (two zero bytes, type 0x08 = unsigned byte, rank),
 * one int per dimension, then the bytes. Plain or gzip-compressed ({@code .gz}, as Debian's and the original
 * downloads ship them). Wrong magic, implausible sizes and truncation are errors naming the file.
 */
public final class IdxFiles {
    private IdxFiles() {}

    /** The dimensions and the unsigned bytes of one IDX file. */
    public record Idx(int[] dims, byte[] data) {}

    public static Idx read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such IDX file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                DataInputStream in =
                        new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != 0x08) {
                throw new IOException(
                        file + ": not an unsigned-byte IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int rank = magic & 0xFF;
            if (rank < 1 || rank > 4) {
                throw new IOException(file + ": IDX rank " + rank + " is not 1 to 4");
            }
            int[] dims = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readInt();
                if (dims[d] <= 0) {
                    throw new IOException(file + ": IDX dimension " + d + " is " + dims[d]);
                }
                size *= dims[d];
                if (size > Integer.MAX_VALUE - 8) { // checked per dimension: the product must not overflow first
                    throw new IOException(file + ": IDX dimensions " + Arrays.toString(Arrays.copyOf(dims, d + 1))
                            + " describe more than 2 GB of data");
                }
            }
            // read in chunks: a header may promise far more bytes than the file holds
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) {
                throw new EOFException();
            }
            return new Idx(dims, data);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated IDX file (fewer bytes than its header promises)", e);
        } catch (ZipException e) {
            throw new IOException(file + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** Writes bytes as a plain IDX file, atomically (test fixtures and small exports). */
    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(0x0800 | dims.length);
            for (int x : dims) {
                d.writeInt(x);
            }
            d.write(data);
            d.flush();
        });
    }
}
