package dev.augur.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one place that configures DJL: offline (unless the user allows a download of natives), intra-op threads =
 * cores, inter-op threads = 1, device by flag.
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
        boolean download = downloadAllowed();
        System.setProperty("ai.djl.offline", Boolean.toString(!download));
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(threads()));
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine;
        try {
            engine = Engine.getEngine("PyTorch");
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    download
                            ? "could not fetch libtorch's natives for this machine (" + rootMessage(e) + "): check the"
                                    + " network, or unset " + DOWNLOAD_ENV + " to run on the CPU natives Augur ships"
                            : "could not load libtorch (" + rootMessage(e) + ")",
                    e);
        }
        if (wanted.isGpu() && engine.getGpuCount() == 0) {
            throw new IllegalArgumentException(
                    download
                            ? "--device gpu: no CUDA device found (libtorch " + engine.getVersion()
                                    + " loaded for the CPU)"
                            : "--device gpu: no CUDA device, or no libtorch CUDA natives: this build ships the CPU"
                                    + " natives only; " + DOWNLOAD_ENV
                                    + "=1 lets DJL fetch a CUDA build on first use (README, GPU)");
        }
        device = wanted;
        return device;
    }

    /**
     * Set to 1 by a user who allows DJL to download libtorch's natives for this machine (a CUDA build where it finds
     * a GPU) on first use; the launcher then leaves the CPU natives off the class path. Offline otherwise.
     */
    public static final String DOWNLOAD_ENV = "AUGUR_DOWNLOAD_NATIVES";

    static boolean downloadAllowed() {
        return "1".equals(System.getenv(DOWNLOAD_ENV));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof UnknownHostException) {
            return "cannot reach " + t.getMessage();
        }
        return t.getMessage() == null ? "no reason given" : t.getMessage();
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
