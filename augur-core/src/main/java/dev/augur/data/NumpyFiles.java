package dev.augur.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.augur.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * NumPy {@code .npy} and {@code .npz} files, through DJL's own NumPy codec. Every failure names the file.
 */
public final class NumpyFiles {
    private NumpyFiles() {}

    /** All arrays of an .npz (named as in the archive, without ".npy") or the single array of an .npy. */
    public static NDList read(NDManager manager, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (InputStream check = new BufferedInputStream(Files.newInputStream(file))) {
            NpyHeader.check(file, check);
        } catch (IOException e) { // the zip reader's own errors (a bare EOFException, say) do not name the file
            throw e.getMessage() != null && e.getMessage().contains(file.toString())
                    ? e
                    : new IOException(file + ": a damaged NumPy file or .npz archive (" + e + ")", e);
        } catch (
                RuntimeException
                        e) { // an entry name that is no valid text: IllegalArgumentException from the zip reader
            throw new IOException(file + ": a damaged .npz archive (" + e + ")", e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            NDList list = NDList.decode(manager, in);
            if (list.isEmpty()) {
                throw new IOException(file + ": holds no arrays");
            }
            for (NDArray a : list) {
                String n = a.getName();
                if (n != null && n.endsWith(".npy")) {
                    a.setName(n.substring(0, n.length() - 4));
                }
            }
            return list;
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().contains(file.toString())
                    ? e
                    : new IOException(file + ": not a readable NumPy file (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable NumPy file (" + e + ")", e);
        }
    }

    /** The array called {@code name} in an .npz. */
    public static NDArray read(NDManager manager, Path file, String name) throws IOException {
        for (NDArray a : read(manager, file)) {
            if (name.equals(a.getName())) {
                return a;
            }
        }
        throw new IOException(file + ": has no array named '" + name + "'");
    }

    /** Writes named arrays as an .npz, atomically. */
    public static void writeNpz(Path file, NDList arrays) throws IOException {
        for (NDArray a : arrays) {
            if (a.getName() == null || a.getName().isEmpty()) {
                throw new IllegalArgumentException("every array written to " + file + " needs a name");
            }
        }
        AtomicFiles.write(file, out -> arrays.encode(out, NDList.Encoding.NPZ));
    }
}
