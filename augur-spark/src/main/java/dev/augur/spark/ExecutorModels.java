package dev.augur.spark;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.events.BurstForecaster;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The forecasters loaded in this JVM (an executor, or the driver in local mode), one per bundle: every task of
 * the executor shares it, each through a session of its own. They live as long as the JVM.
 */
final class ExecutorModels {
    private static final Map<String, BurstForecaster> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    static BurstForecaster forecaster(BundleFiles bundle) {
        return LOADED.computeIfAbsent(bundle.digest(), digest -> load(bundle));
    }

    /** Bundles loaded in this JVM so far. */
    static int loaded() {
        return LOADED.size();
    }

    private static BurstForecaster load(BundleFiles bundle) {
        try {
            AugurEngine.cpu();
            Path dir = Files.createTempDirectory("augur-bundle-");
            try {
                bundle.writeTo(dir);
                return BurstForecaster.load(dir, NDManager.newBaseManager());
            } finally {
                AtomicFiles.deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model bundle on this executor: " + e.getMessage(), e);
        }
    }
}
