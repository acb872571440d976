package dev.augur.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.razorvine.pickle.IObjectDeconstructor;
import net.razorvine.pickle.IObjectPickler;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;

/**
 * Writes float32 tensors as {@code torch.save} writes them (the zip format that {@link TorchCheckpoint} reads):
 * {@code archive/data.pkl} — a protocol-2 pickle of {@code {key: OrderedDict(name → tensor)}} whose tensors are
 * {@code torch._utils._rebuild_tensor_v2} of a persistent storage reference — one raw little-endian storage per
 * tensor under {@code archive/data/}, and {@code archive/version}. It names only globals that PyTorch's
 * {@code torch.load(weights_only=True)} allows. The pickling itself is Pyrolite's; this class only tells it how a
 * tensor, its storage and an OrderedDict are spelled. Entries are stored uncompressed with a fixed time, so the same
 * tensors give the same bytes.
 */
public final class TorchCheckpointWriter {
    private static final String ARCHIVE = "archive/";

    private TorchCheckpointWriter() {}

    /** Writes {@code {key: state}} to {@code file}, atomically. */
    public static void write(Path file, String key, Map<String, TorchCheckpoint.Tensor> state) throws IOException {
        List<TorchCheckpoint.Tensor> storages = new ArrayList<>(state.values());
        Map<String, TensorOut> tensors = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : state.entrySet()) {
            tensors.put(e.getKey(), new TensorOut(Integer.toString(i++), e.getValue()));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(key, new OrderedDict(tensors));
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        new StatePickler().dump(root, pickle);
        AtomicFiles.write(file, out -> {
            // finished, not closed: AtomicFiles flushes and syncs the stream it owns
            ZipOutputStream zip = new ZipOutputStream(out);
            stored(zip, ARCHIVE + "data.pkl", pickle.toByteArray());
            for (int s = 0; s < storages.size(); s++) {
                stored(zip, ARCHIVE + "data/" + s, littleEndian(storages.get(s).values()));
            }
            stored(zip, ARCHIVE + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
            stored(zip, ARCHIVE + "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            zip.finish();
        });
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTime(0L);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** A tensor to write and the key of its storage file. */
    private record TensorOut(String storageKey, TorchCheckpoint.Tensor tensor) {}

    /** A storage as the pickle refers to it: by persistent id, its bytes living in the zip. */
    private record StorageOut(String key, long elements) {}

    /** {@code collections.OrderedDict} of these entries. */
    private record OrderedDict(Map<String, ?> entries) {}

    /** The class {@code torch.FloatStorage} itself, as the persistent id names it (not called). */
    private enum FloatStorageClass {
        INSTANCE
    }

    /** Pyrolite's pickler, told how PyTorch spells the four things a state dict needs. */
    private static final class StatePickler extends Pickler {
        StatePickler() {
            super(false);
        }

        @Override
        protected IObjectPickler getCustomPickler(Class<?> t) {
            if (t == OrderedDict.class) {
                return StatePickler::orderedDict;
            }
            if (t == FloatStorageClass.class) {
                return (o, out, p) -> global(out, "torch", "FloatStorage");
            }
            return super.getCustomPickler(t);
        }

        @Override
        protected IObjectDeconstructor getCustomDeconstructor(Class<?> t) {
            return t == TensorOut.class ? REBUILD_TENSOR : super.getCustomDeconstructor(t);
        }

        @Override
        protected Object persistentId(Object o) {
            if (o instanceof StorageOut s) {
                return new Object[] {"storage", FloatStorageClass.INSTANCE, s.key(), "cpu", s.elements()};
            }
            return null;
        }

        /** {@code OrderedDict()} called with no arguments, then its items set: as Python's pickle writes it. */
        private static void orderedDict(Object o, OutputStream out, Pickler p) throws IOException {
            global(out, "collections", "OrderedDict");
            out.write(Opcodes.EMPTY_TUPLE);
            out.write(Opcodes.REDUCE);
            Map<String, ?> entries = ((OrderedDict) o).entries();
            if (entries.isEmpty()) {
                return;
            }
            out.write(Opcodes.MARK);
            for (Map.Entry<String, ?> e : entries.entrySet()) {
                p.save(e.getKey());
                p.save(e.getValue());
            }
            out.write(Opcodes.SETITEMS);
        }

        private static void global(OutputStream out, String module, String name) throws IOException {
            out.write(Opcodes.GLOBAL);
            out.write((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks)}. */
    private static final IObjectDeconstructor REBUILD_TENSOR = new IObjectDeconstructor() {
        @Override
        public String getModule() {
            return "torch._utils";
        }

        @Override
        public String getName() {
            return "_rebuild_tensor_v2";
        }

        @Override
        public Object[] deconstruct(Object o) {
            TensorOut t = (TensorOut) o;
            long[] shape = t.tensor().shape();
            Object[] size = new Object[shape.length];
            Object[] stride = new Object[shape.length];
            long step = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                size[d] = shape[d];
                stride[d] = step;
                step *= shape[d];
            }
            return new Object[] {
                new StorageOut(t.storageKey(), t.tensor().values().length),
                0,
                size,
                stride,
                false,
                new OrderedDict(Map.of())
            };
        }
    };
}
