package dev.augur.events;

import dev.augur.engine.AugurEngine;
import dev.augur.train.ProgressListener;
import java.nio.file.Path;

/**
 * A three-minute simulated tank and a burst forecaster trained on it for a few steps, for the tests that need a run
 * folder.
 */
final class TinyBurstRun {
    static final BurstExperiment.Settings SETTINGS =
            new BurstExperiment.Settings(new BurstClassifier.Spec(30, 40, 8, 4, 4, 3), 4, 15, 4, 1e-3, 1, 3, 100);

    private TinyBurstRun() {}

    /** Simulates {@code dir/tank.mkv} with {@code seed} and trains into {@code dir/run}; returns the video. */
    static Path create(Path dir, long seed) throws Exception {
        AugurEngine.cpu();
        Path video = dir.resolve("tank.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), seed).simulate(180, video);
        BurstExperiment.run(video, SETTINGS, dir.resolve("run"), false, ProgressListener.SILENT);
        return video;
    }
}
