package dev.augur.engine;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status (Linux): current (VmRSS) and peak (VmHWM), in MB. */
public final class ProcessMemory {
    private ProcessMemory() {}

    public static double residentMb() {
        return field("VmRSS:");
    }

    /**
     * Bytes held by the JVM's direct buffers (native memory a Java object owns: freed only when the object is
     * collected, which in a mostly idle old generation can take long).
     */
    public static long directBufferBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
    }

    public static double peakMb() {
        return field("VmHWM:");
    }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length())
                                    .replace("kB", "")
                                    .trim())
                            / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
