package dev.augur.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * The one place that configures DJL: offline, intra-op threads = cores, inter-op threads = 1, device by flag.
 *
 * <p>DJL reads its PyTorch thread settings from system properties when the engine first loads, so
 * {@link #start} must run before any {@code NDManager} is created; later calls only check consistency.
 */
public final class AugurEngine {
    private static volatile Device device;

    private AugurEngine() {}

    /** Starts the engine on {@code cpu} (default) or {@code gpu}; returns the device arrays should live on. */
    public static synchronized Device start(String deviceFlag) {
        Device wanted = parseDevice(deviceFlag);
        if (device != null) {
            if (!device.equals(wanted)) {
                throw new IllegalStateException("engine already started on " + device + ", cannot switch to " + wanted);
            }
            return device;
        }
        System.setProperty("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads()));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        if (wanted.isGpu() && engine.getGpuCount() == 0) {
            throw new IllegalArgumentException(
                    "--device gpu: no CUDA device or no libtorch CUDA natives on the classpath (this build "
                            + "ships the CPU natives only)");
        }
        device = wanted;
        return device;
    }

    /** Starts on the CPU unless already started. */
    public static Device cpu() {
        return device != null ? device : start("cpu");
    }

    /** Intra-op threads: all available cores unless {@code AUGUR_THREADS} says otherwise. */
    public static int threads() {
        String env = System.getenv("AUGUR_THREADS");
        if (env != null && !env.isBlank()) {
            return Integer.parseInt(env.trim());
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Seeds libtorch's generator (used by nothing of ours that must be reproducible, but by DJL internals). */
    public static void seed(int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
    }

    static Device parseDevice(String flag) {
        String f = flag == null ? "cpu" : flag.trim().toLowerCase(Locale.ROOT);
        return switch (f) {
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> Device.gpu();
            default -> throw new IllegalArgumentException("--device must be cpu or gpu, got '" + flag + "'");
        };
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
