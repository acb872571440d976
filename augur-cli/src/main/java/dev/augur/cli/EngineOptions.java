package dev.augur.cli;

import dev.augur.engine.AugurEngine;
import picocli.CommandLine.Option;

/** The {@code --device} flag shared by every command that runs a network. */
final class EngineOptions {
    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "cpu (default) or gpu (needs libtorch's CUDA natives: AUGUR_DOWNLOAD_NATIVES=1 lets DJL fetch"
                    + " them on first use; see README)")
    String device;

    void start() {
        AugurEngine.start(device);
    }
}
