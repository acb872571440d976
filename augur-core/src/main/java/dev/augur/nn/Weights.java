package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named, trainable tensors of one network, in creation order. Names follow the module path
 * ({@code stack.0.conv.weight}) so a PyTorch {@code state_dict} maps onto them one to one.
 *
 * <p>All weights live in one long-lived manager; every op in a forward pass must take a per-step array as its
 * receiver ({@code x.mul(w)}, never {@code w.mul(x)}) so that results land in the step's manager, not here.
 */
public final class Weights implements AutoCloseable {
    private final NDManager parent;
    private final NDManager manager;
    private final Map<String, NDArray> byName = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final SplittableRandom random;

    public Weights(NDManager parent, long seed) {
        this.parent = parent;
        this.manager = parent.newSubManager();
        this.random = new SplittableRandom(seed);
    }

    /**
     * A new weight drawn from U(-bound, bound), PyTorch's default for conv and linear layers (bound =
     * 1/sqrt(fan_in)), from this set's own seeded generator so initialisation is reproducible on any engine.
     */
    public NDArray uniform(String name, Shape shape, double bound) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return add(name, manager.create(values, shape));
    }

    /** A new weight drawn from N(0, std²), from the same seeded generator. */
    public NDArray normal(String name, Shape shape, double std) {
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return add(name, manager.create(values, shape));
    }

    public NDArray constant(String name, Shape shape, float value) {
        return add(name, manager.full(shape, value));
    }

    /**
     * Non-trainable state saved with the weights (BatchNorm's running statistics): not in {@link #arrays()}, so
     * the optimiser never touches it, but in every snapshot, checkpoint and bundle.
     */
    public NDArray buffer(String name, Shape shape, float value) {
        if (byName.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate weight name " + name);
        }
        NDArray array = manager.full(shape, value);
        array.setName(name);
        buffers.put(name, array);
        return array;
    }

    private NDArray add(String name, NDArray array) {
        if (byName.containsKey(name) || buffers.containsKey(name)) {
            throw new IllegalArgumentException("duplicate weight name " + name);
        }
        array.setName(name);
        array.setRequiresGradient(true);
        byName.put(name, array);
        return array;
    }

    public NDArray get(String name) {
        NDArray a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no weight named " + name);
        }
        return a;
    }

    /** The buffer (non-trainable state such as running statistics) named {@code name}. */
    public NDArray getBuffer(String name) {
        NDArray a = buffers.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no buffer named " + name);
        }
        return a;
    }

    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    public List<NDArray> arrays() {
        return List.copyOf(byName.values());
    }

    public long parameterCount() {
        return byName.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    public NDManager manager() {
        return manager;
    }

    /** The manager the network was built in: per-step managers branch from it, never from the weights'. */
    public NDManager parent() {
        return parent;
    }

    /** A detached copy of every weight, named, for saving. */
    public NDList snapshot(NDManager target, String prefix) {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : everything().entrySet()) {
            NDArray copy =
                    target.create(e.getValue().toFloatArray(), e.getValue().getShape());
            copy.setName(prefix + e.getKey());
            list.add(copy);
        }
        return list;
    }

    /**
     * Overwrites every weight with the array of the same name (after {@code prefix}) from {@code source}.
     * Missing names, shape mismatches and NaN or infinite values are errors: a half-loaded or silently broken
     * network is never returned.
     */
    public void load(NDList source, String prefix, String origin) {
        Map<String, NDArray> found = new LinkedHashMap<>();
        for (NDArray a : source) {
            String n = a.getName();
            if (n != null && n.startsWith(prefix)) {
                found.put(n.substring(prefix.length()), a);
            }
        }
        Map<String, NDArray> all = everything();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : all.entrySet()) {
            NDArray src = found.get(e.getKey());
            if (src == null) {
                throw new IllegalArgumentException(origin + ": missing weight '" + prefix + e.getKey() + "'");
            }
            if (!src.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException(origin + ": weight '" + e.getKey() + "' has shape " + src.getShape()
                        + ", the model expects " + e.getValue().getShape());
            }
            float[] v = src.toType(DataType.FLOAT32, false).toFloatArray();
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException(origin + ": weight '" + e.getKey() + "' holds " + x
                            + " values: the file is damaged or was saved from a run that diverged");
                }
            }
            values.put(e.getKey(), v);
        }
        for (Map.Entry<String, NDArray> e : all.entrySet()) {
            e.getValue().set(values.get(e.getKey()));
        }
    }

    private Map<String, NDArray> everything() {
        Map<String, NDArray> all = new LinkedHashMap<>(byName);
        all.putAll(buffers);
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }
}
