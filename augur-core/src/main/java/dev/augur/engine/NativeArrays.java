package dev.augur.engine;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.reflect.Field;
import java.util.Map;

/**
 * How many DJL arrays are open in this process: every array belongs to a manager, every manager to the engine's
 * system manager. A loop that forgets to close one grows this count without bound; soak runs and {@code /metrics}
 * watch it. DJL keeps the tree in a protected field and offers no count, so it is read by reflection; -1 if a DJL
 * version changes that.
 */
public final class NativeArrays {
    private static final Field RESOURCES = resourcesField();

    private NativeArrays() {}

    /** Open arrays under the engine's system manager, or -1 when they cannot be counted. */
    public static long open() {
        if (RESOURCES == null) {
            return -1;
        }
        // DJL hands out its system manager only as the parent of a new one
        try (NDManager probe = NDManager.newBaseManager()) {
            return count(probe.getParentManager());
        }
    }

    private static long count(NDManager manager) {
        if (!(manager instanceof BaseNDManager)) {
            return 0;
        }
        Map<?, ?> resources;
        try {
            resources = (Map<?, ?>) RESOURCES.get(manager);
        } catch (IllegalAccessException e) {
            return -1;
        }
        long n = 0;
        for (Object r : resources.values()) {
            if (r instanceof NDArray) {
                n++;
            } else if (r instanceof NDManager m) {
                n += count(m);
            }
        }
        return n;
    }

    private static Field resourcesField() {
        try {
            Field f = BaseNDManager.class.getDeclaredField("resources");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
