package dev.augur.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an .npy file, or every array of an .npz, before DJL's codec sees it: a supported element type, C order, a
 * shape whose size fits, and exactly as many data bytes as the header promises. Found by fuzzing: libtorch aborts
 * the whole JVM on an int16 array, and a header may promise gigabytes that are not there.
 */
final class NpyHeader {
    /** NumPy type strings DJL's PyTorch engine reads, with their element sizes. */
    private static final Map<String, Integer> SUPPORTED =
            Map.of("<f4", 4, "<f8", 8, "|u1", 1, "|i1", 1, "<i4", 4, "<i8", 8, "|b1", 1);

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyHeader() {}

    /** Checks the file (an .npy, or an .npz zip of them); throws an IOException naming it and the problem. */
    static void check(Path file, InputStream in) throws IOException {
        in.mark(4);
        byte[] start = in.readNBytes(2);
        in.reset();
        if (start.length == 2 && start[0] == 'P' && start[1] == 'K') {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry e;
            int arrays = 0;
            while ((e = zip.getNextEntry()) != null) {
                checkArray(file + " (" + e.getName() + ")", zip);
                arrays++;
            }
            if (arrays == 0) {
                throw new IOException(file + ": an empty .npz archive");
            }
        } else {
            checkArray(file.toString(), in);
        }
    }

    private static void checkArray(String where, InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        try {
            byte[] magic = in.readNBytes(6);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(where + ": not a NumPy array (no \\x93NUMPY magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
            } else {
                throw new IOException(where + ": NumPy format version " + major + " is not 1, 2 or 3");
            }
            if (headerLength > 1 << 16) {
                throw new IOException(where + ": a header of " + headerLength + " bytes is not a NumPy header");
            }
            String header = new String(in.readNBytes((int) headerLength), StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher order = ORDER.matcher(header);
            Matcher shape = SHAPE.matcher(header);
            if (!descr.find() || !order.find() || !shape.find()) {
                throw new IOException(where + ": a NumPy header without descr, fortran_order and shape");
            }
            Integer size = SUPPORTED.get(descr.group(1));
            if (size == null) {
                throw new IOException(where + ": element type '" + descr.group(1) + "' is not read here (float32,"
                        + " float64, uint8, int8, int32, int64 or bool; convert it with numpy's astype)");
            }
            if (order.group(1).equals("True")) {
                throw new IOException(where + ": a Fortran-order array (save it with numpy.ascontiguousarray)");
            }
            long bytes = size;
            for (String d : shape.group(1).split(",", -1)) {
                if (d.isBlank()) {
                    continue;
                }
                long n;
                try {
                    n = Long.parseLong(d.strip());
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": shape (" + shape.group(1) + ") is not a list of sizes", e);
                }
                if (n < 0 || (n > 0 && bytes > (Integer.MAX_VALUE - 8) / n)) {
                    throw new IOException(where + ": shape (" + shape.group(1) + ") is negative or over 2 GB");
                }
                bytes *= n;
            }
            long present = in.skip(bytes);
            while (present < bytes && in.read() >= 0) {
                present += 1 + in.skip(bytes - present - 1);
            }
            if (present < bytes) {
                throw new IOException(where + ": holds " + present + " data bytes, its header promises " + bytes);
            }
            if (in.read() >= 0) {
                throw new IOException(where + ": more data bytes than its header's shape (" + shape.group(1) + ")");
            }
        } catch (EOFException e) {
            throw new IOException(where + ": truncated NumPy header", e);
        }
    }
}
