package dev.augur.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from /proc/self/status (Linux): current (VmRSS) and peak (VmHWM), in MB. */
public final class ProcessMemory {
    private ProcessMemory() {}

    public static double residentMb() {
        return field("VmRSS:");
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
