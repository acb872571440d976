package dev.augur.io;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Reads a PyTorch {@code torch.save} file (the zip format: {@code <name>/data.pkl} and one raw storage per tensor
 * under {@code <name>/data/}) without running any of it. Its pickle may name only the globals a checkpoint of
 * tensors needs ({@link #ALLOWED}); any other — {@code os.system}, {@code builtins.eval}, a class of the training
 * code — is refused before anything is built from it, naming the file and the global. (Python's own
 * {@code torch.load} runs whatever a pickle names unless {@code weights_only=True}; this reader has no other mode.)
 */
public final class TorchCheckpoint {
    /** The globals a checkpoint of tensors may name. */
    public static final List<String> ALLOWED = List.of(
            "collections.OrderedDict",
            "torch._utils._rebuild_tensor_v2",
            "torch._utils._rebuild_parameter",
            "torch.FloatStorage",
            "torch.DoubleStorage",
            "torch.HalfStorage",
            "torch.LongStorage",
            "torch.IntStorage",
            "torch.BoolStorage");

    private static final long MAX_ELEMENTS = 1L << 31;
    private static final int MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final int MAX_DEPTH = 64;
    /** torch.serialization's MAGIC_NUMBER, the legacy format's first pickle. */
    private static final String LEGACY_MAGIC = "119547037146038801333356";

    private TorchCheckpoint() {}

    /**
     * A tensor of a checkpoint as float32, row-major: float64 values rounded, integer ones (batch norm's step
     * counters) converted, exactly up to 2^24.
     */
    public record Tensor(long[] shape, float[] values) {}

    /**
     * The tensors of a checkpoint's state dict by name: the top-level dict itself, or the dict under {@code key}
     * when given ({@code net_param} in predrnn-pytorch, {@code state_dict} in Lightning). Non-tensor entries are left
     * out.
     */
    public static Map<String, Tensor> stateDict(Path file, String key) throws IOException {
        Object root = read(file);
        Object dict = root;
        if (key != null) {
            if (!(root instanceof Map<?, ?> m) || !m.containsKey(key)) {
                throw new IOException(file + ": no '" + key + "' entry in this checkpoint");
            }
            dict = m.get(key);
        }
        if (!(dict instanceof Map<?, ?> entries)) {
            throw new IOException(file + ": not a state dict (" + (key == null ? "the top level" : key)
                    + " is not a dictionary of tensors)");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (e.getValue() instanceof Tensor t) {
                tensors.put(String.valueOf(e.getKey()), t);
            }
        }
        return tensors;
    }

    /**
     * The checkpoint: dictionaries as maps, lists and tuples as lists, tensors as {@link Tensor}. Both of
     * {@code torch.save}'s formats: the zip archive (PyTorch 1.6 and later) and the legacy stream of pickles followed
     * by the raw storages ({@code _use_new_zipfile_serialization=False}, as OpenSTL publishes its weights).
     */
    public static Object read(Path file) throws IOException {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 2) == 2 && (head[0] & 0xFF) == 0x80) {
                return readLegacy(file);
            }
        }
        return readZip(file);
    }

    private static Object readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl = zip.stream()
                    .filter(e -> e.getName().endsWith("data.pkl")
                            && e.getName().indexOf('/') == e.getName().lastIndexOf('/'))
                    .findFirst()
                    .orElseThrow(() -> new IOException(file + ": not a PyTorch checkpoint (no data.pkl inside)"));
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            Object root;
            try (InputStream in = zip.getInputStream(pkl)) {
                root = unpickle(new SafeUnpickler(), new BoundedInput(in, pkl.getSize()), file, "data.pkl");
            }
            return materialise(
                    root,
                    key -> {
                        ZipEntry entry = zip.getEntry(prefix + "data/" + key);
                        if (entry == null) {
                            return null;
                        }
                        try (InputStream in = zip.getInputStream(entry)) {
                            return in.readNBytes(
                                    (int) Math.min(entry.getSize() < 0 ? MAX_BYTES : entry.getSize(), MAX_BYTES));
                        }
                    },
                    file);
        } catch (ZipException | IllegalArgumentException e) {
            // IllegalArgumentException: the zip reader's word for an entry name that is not valid text
            throw new IOException(file + ": not a PyTorch checkpoint of the zip format (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw named(e, file);
        }
    }

    /**
     * The legacy format: pickles of the magic number, the protocol version and the system's sizes; the object, its
     * storages as persistent ids; the sorted storage keys; then each storage as its element count (int64,
     * little-endian) and its bytes.
     */
    private static Object readLegacy(Path file) throws IOException {
        try (InputStream in = new BoundedInput(new BufferedInputStream(Files.newInputStream(file)), Files.size(file))) {
            Object magic;
            try {
                magic = new SafeUnpickler().load(in);
            } catch (IOException | RuntimeException e) {
                throw new IOException(
                        file + ": not a PyTorch checkpoint (a broken pickle where torch.save's magic"
                                + " number belongs)",
                        e);
            }
            if (!LEGACY_MAGIC.equals(String.valueOf(magic))) {
                throw new IOException(file + ": a pickle, but not a PyTorch checkpoint (no torch.save magic number)");
            }
            unpickle(new SafeUnpickler(), in, file, "the header");
            if (unpickle(new SafeUnpickler(), in, file, "the header") instanceof Map<?, ?> info
                    && Boolean.FALSE.equals(info.get("little_endian"))) {
                throw new IOException(
                        file + ": saved on a big-endian machine; only little-endian checkpoints are read");
            }
            SafeUnpickler unpickler = new SafeUnpickler();
            Object root = unpickle(unpickler, in, file, "the checkpoint");
            if (!(unpickle(new SafeUnpickler(), in, file, "the storage list") instanceof List<?> keys)) {
                throw new IOException(file + ": a broken checkpoint (no list of storages after the object)");
            }
            Map<String, byte[]> storages = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            storageTypes(root, types, file, 0);
            for (Object key : keys) {
                byte[] size = in.readNBytes(8);
                if (size.length < 8) {
                    throw new IOException(file + ": the file ends before storage " + key);
                }
                long count =
                        ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).getLong();
                int width = elementSize(types.getOrDefault(String.valueOf(key), "FloatStorage"));
                if (count < 0 || count > MAX_BYTES / width) {
                    throw new IOException(file + ": storage " + key + " is of impossible size " + count);
                }
                byte[] data = in.readNBytes((int) (width * count));
                if (data.length != width * count) {
                    throw new IOException(file + ": the file ends inside storage " + key);
                }
                storages.put(String.valueOf(key), data);
            }
            return materialise(root, storages::get, file);
        } catch (IOException e) {
            throw named(e, file);
        }
    }

    private static Object unpickle(SafeUnpickler unpickler, InputStream in, Path file, String part) throws IOException {
        try {
            return unpickler.load(in);
        } catch (Refused e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            // Pyrolite's own failures on a damaged pickle (a short stream, a wrong type on its stack) name no file
            throw new IOException(file + ": a broken pickle in " + part + " (" + e.getMessage() + ")", e);
        } catch (StackOverflowError e) {
            // Pyrolite's own recursion (hashing a set that holds itself, say) on a forged pickle
            throw new IOException(file + ": a pickle in " + part + " nested too deeply or containing itself", e);
        }
    }

    private static IOException named(IOException e, Path file) {
        if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
            return e;
        }
        return new IOException(file + ": not a readable PyTorch checkpoint (" + e.getMessage() + ")", e);
    }

    /** The storage type of every key a tensor of {@code o} reads (the legacy format sizes storages by it). */
    private static void storageTypes(Object o, Map<String, String> out, Path file, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException(
                    file + ": a checkpoint nested more than " + MAX_DEPTH + " deep, or one that contains" + " itself");
        }
        if (o instanceof TensorRef t) {
            out.put(t.storage().key(), t.storage().type());
        } else if (o instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                storageTypes(v, out, file, depth + 1);
            }
        } else if (o instanceof Object[] || o instanceof List<?>) {
            for (Object x : o instanceof Object[] a ? Arrays.asList(a) : (List<?>) o) {
                storageTypes(x, out, file, depth + 1);
            }
        }
    }

    /** Bytes per element of a storage type; 4 for one this reader does not know (it refuses its tensors). */
    private static int elementSize(String type) {
        return switch (type) {
            case "DoubleStorage", "LongStorage" -> 8;
            case "HalfStorage" -> 2;
            case "BoolStorage" -> 1;
            default -> 4;
        };
    }

    /** The bytes of a storage by its key; null when the file has none of that key. */
    private interface Storages {
        byte[] bytes(String key) throws IOException;
    }

    /** Replaces every tensor reference with its values, read from its storage file. */
    private static Object materialise(Object o, Storages storages, Path file) throws IOException {
        return materialise(o, storages, file, 0);
    }

    private static Object materialise(Object o, Storages storages, Path file, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException(
                    file + ": a checkpoint nested more than " + MAX_DEPTH + " deep, or one that contains" + " itself");
        }
        if (o instanceof TensorRef t) {
            return t.read(storages, file);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(e.getKey(), materialise(e.getValue(), storages, file, depth + 1));
            }
            return out;
        }
        // Pyrolite gives lists as lists and tuples as arrays: both come out as lists
        List<?> items = o instanceof Object[] a ? Arrays.asList(a) : o instanceof List<?> l ? l : null;
        if (items == null) {
            return o;
        }
        List<Object> out = new ArrayList<>();
        for (Object x : items) {
            out.add(materialise(x, storages, file, depth + 1));
        }
        return out;
    }

    /** A storage as its persistent id names it: ('storage', type, key, location, elements). */
    private record StorageRef(String type, String key, long elements) {}

    /** A tensor of a storage before its bytes are read. */
    private record TensorRef(StorageRef storage, long offset, long[] shape, long[] stride) {
        Tensor read(Storages storages, Path file) throws IOException {
            String type = storage.type();
            if (!List.of("FloatStorage", "DoubleStorage", "LongStorage", "IntStorage")
                    .contains(type)) {
                throw new IOException(
                        file + ": a tensor of " + type + "; only float, double, int and long tensors" + " are read");
            }
            int width = elementSize(type);
            long count = 1;
            for (long d : shape) {
                if (d < 0 || (d > 0 && count > MAX_ELEMENTS / d)) {
                    throw new IOException(file + ": a tensor of impossible shape " + Arrays.toString(shape));
                }
                count *= d;
            }
            byte[] bytes =
                    storage.elements() < 0 || storage.elements() > MAX_ELEMENTS ? null : storages.bytes(storage.key());
            if (bytes == null) {
                throw new IOException(file + ": storage " + storage.key() + " is missing or of impossible size");
            }
            // a state dict holds parameters, never an expanded view: no tensor has more elements than its storage
            // (checked before allocating, so that a forged shape cannot ask for gigabytes)
            if (count > bytes.length / width || stride.length != shape.length) {
                throw new IOException(file + ": a tensor of shape " + Arrays.toString(shape) + " larger than its"
                        + " storage " + storage.key() + " (" + bytes.length / width + " values)");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[(int) count];
            long[] index = new long[shape.length];
            for (int i = 0; i < values.length; i++) {
                long at = offset;
                for (int d = 0; d < shape.length; d++) {
                    at += index[d] * stride[d];
                }
                if (at < 0 || width * at + width > bytes.length) {
                    throw new IOException(file + ": a tensor reaches past the end of storage " + storage.key());
                }
                int byteAt = (int) (width * at);
                values[i] = switch (type) {
                    case "DoubleStorage" -> (float) buffer.getDouble(byteAt);
                    case "LongStorage" -> (float) buffer.getLong(byteAt);
                    case "IntStorage" -> (float) buffer.getInt(byteAt);
                    default -> buffer.getFloat(byteAt);
                };
                for (int d = shape.length - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                    index[d] = 0;
                }
            }
            return new Tensor(shape, values);
        }
    }

    /** Pyrolite's unpickler with an allow-list in place of its table of every known global. */
    private static final class SafeUnpickler extends Unpickler {
        private final Map<String, IObjectConstructor> allowed = new HashMap<>();

        SafeUnpickler() {
            allowed.put("collections.OrderedDict", args -> new StateDict());
            allowed.put("torch._utils._rebuild_tensor_v2", SafeUnpickler::tensor);
            allowed.put("torch._utils._rebuild_parameter", args -> args[0]);
            for (String g : ALLOWED) {
                if (g.endsWith("Storage")) {
                    allowed.put(g, args -> {
                        throw new PickleException("a storage type called like a function");
                    });
                }
            }
        }

        private static Object tensor(Object[] args) {
            if (args.length < 4 || !(args[0] instanceof StorageRef storage)) {
                throw new PickleException("a tensor without its storage");
            }
            return new TensorRef(storage, ((Number) args[1]).longValue(), longs(args[2]), longs(args[3]));
        }

        private static long[] longs(Object tuple) {
            Object[] a = (Object[]) tuple;
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = ((Number) a[i]).longValue();
            }
            return out;
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            if (key == Opcodes.GLOBAL) {
                String module = PickleUtils.readline(input);
                String name = PickleUtils.readline(input);
                stack.add(global(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.STACK_GLOBAL) {
                String name = String.valueOf(stack.pop());
                String module = String.valueOf(stack.pop());
                stack.add(global(module, name));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.SETITEMS) {
                // Pyrolite gathers the pairs in a HashMap first: a state dict would lose its order
                List<Object> pairs = stack.pop_all_since_marker();
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                for (int i = 0; i + 1 < pairs.size(); i += 2) {
                    dict.put(plainKey(pairs.get(i)), pairs.get(i + 1));
                }
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.SETITEM) {
                Object value = stack.pop();
                Object name = plainKey(stack.pop());
                @SuppressWarnings("unchecked")
                Map<Object, Object> dict = (Map<Object, Object>) stack.peek();
                dict.put(name, value);
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.DICT) {
                List<Object> pairs = stack.pop_all_since_marker();
                Map<Object, Object> dict = new LinkedHashMap<>();
                for (int i = 0; i + 1 < pairs.size(); i += 2) {
                    dict.put(plainKey(pairs.get(i)), pairs.get(i + 1));
                }
                stack.add(dict);
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.BINUNICODE || key == Opcodes.BINUNICODE8) {
                stack.add(new String(sized(key == Opcodes.BINUNICODE ? 4 : 8), StandardCharsets.UTF_8));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.BINBYTES || key == Opcodes.BINBYTES8) {
                stack.add(sized(key == Opcodes.BINBYTES ? 4 : 8));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.BINSTRING) {
                stack.add(PickleUtils.rawStringFromBytes(sized(4)));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.LONG4) {
                stack.add(PickleUtils.decode_long(sized(4)));
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.INST || key == Opcodes.OBJ) {
                throw new Refused("the pickle builds an object by class: refused, nothing was run");
            }
            return super.dispatch(key);
        }

        /**
         * A dictionary key as checkpoints have them (names, numbers, and tuples of those): anything else — a
         * dictionary, perhaps one that holds itself — is refused before it is hashed.
         */
        private static Object plainKey(Object k) {
            if (k instanceof Object[] tuple) {
                for (Object x : tuple) {
                    plainKey(x);
                }
                return k;
            }
            if (k == null || k instanceof String || k instanceof Number || k instanceof Boolean) {
                return k;
            }
            throw new PickleException(
                    "a dictionary keyed by a " + k.getClass().getSimpleName() + ", which no" + " checkpoint holds");
        }

        /**
         * The data of a length-prefixed item, its length checked against what the file still holds before anything
         * is allocated (Pyrolite allocates the length it reads first: a forged length asked for gigabytes).
         */
        private byte[] sized(int lengthBytes) throws IOException {
            byte[] raw = PickleUtils.readbytes(input, lengthBytes);
            long length = lengthBytes == 4
                    ? PickleUtils.bytes_to_uint(raw, 0)
                    : ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong();
            long left = input instanceof BoundedInput b ? b.remaining() : Long.MAX_VALUE;
            if (length < 0 || length > left || length > MAX_BYTES) {
                throw new PickleException("an item of " + length + " bytes where the file holds " + left + " more");
            }
            return PickleUtils.readbytes(input, (int) length);
        }

        private Object global(String module, String name) {
            String global = module + "." + name;
            IObjectConstructor c = allowed.get(global);
            if (c == null) {
                throw new Refused("the pickle names " + global + ", which a checkpoint of tensors never"
                        + " needs: refused, nothing was run (allowed: " + String.join(", ", ALLOWED) + ")");
            }
            return global.endsWith("Storage") ? new StorageType(name) : c;
        }

        @Override
        protected Object persistentLoad(Object pid) {
            Object[] id = (Object[]) pid;
            if (id.length < 5 || !"storage".equals(id[0]) || !(id[1] instanceof StorageType type)) {
                throw new PickleException("an unknown kind of persistent reference");
            }
            if (id.length > 5 && id[5] != null) {
                throw new PickleException(
                        "a view into a shared storage (the legacy format's view metadata), which" + " is not read");
            }
            return new StorageRef(type.name(), String.valueOf(id[2]), ((Number) id[4]).longValue());
        }
    }

    /** A stream that knows how many of its bytes are still to come (the unpickler checks lengths against it). */
    private static final class BoundedInput extends FilterInputStream {
        private long left;

        BoundedInput(InputStream in, long size) {
            super(in);
            this.left = size < 0 ? Long.MAX_VALUE : size;
        }

        long remaining() {
            return left;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            left -= skipped;
            return skipped;
        }
    }

    /** A global outside the allow-list: said as it is, with the file's name. */
    private static final class Refused extends PickleException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A storage class named by the pickle (torch.FloatStorage …): only ever an argument of a persistent id. */
    private record StorageType(String name) {}

    /** An OrderedDict; its {@code _metadata} (module versions), set by the pickle's BUILD, is not needed. */
    public static final class StateDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** Called by the unpickler for BUILD, which looks the method up by this exact parameter type. */
        @SuppressWarnings("NonApiType")
        public void __setstate__(HashMap<String, Object> state) {
            // the state dict's _metadata (per-module versions): nothing Augur uses
        }
    }
}
