package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.data.VideoReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FishTankSimulatorTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void simulatedTankHasChasesAndMotionEnergyTracksGroupSpeed(long seed, @TempDir Path dir) throws Exception {
        Path video = dir.resolve("tank.mp4");
        FishTankSimulator.Truth truth =
                new FishTankSimulator(FishTankSimulator.Config.standard(), seed).simulate(120, video);
        assertThat(truth.frames()).isEqualTo(3600);
        assertThat(truth.chases().size()).isGreaterThan(10);
        assertThat(Files.readAllLines(FishTankSimulator.sibling(video, "tracks.csv")))
                .hasSize(1 + 3600 * 6);
        assertThat(Files.readAllLines(FishTankSimulator.sibling(video, "chases.csv")))
                .hasSize(1 + truth.chases().size());

        double[] energy;
        try (VideoReader r = VideoReader.open(video, VideoReader.Options.seed000())) {
            energy = MotionEnergy.of(r);
        }
        assertThat(energy.length).isBetween(3598, 3600);
        double r = truth.energyCorrelation(energy);
        System.out.printf(
                "seed %d: motion energy vs group speed r = %.3f, %d chases, prevalence %.3f, mp4 %d kB%n",
                seed,
                r,
                truth.chases().size(),
                BurstRule.prevalence(BurstRule.seed000().refit(energy).labels(energy)),
                Files.size(video) / 1024);
        // tail beats and turns move pixels too, as they do in the real tank: energy follows speed, not exactly
        assertThat(r).isGreaterThan(0.65);
    }
}
