package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.engine.AugurEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstRecordingsTest {
    @TempDir
    static Path dir;

    static final List<Path> days = new ArrayList<>();

    @BeforeAll
    static void simulate() throws Exception {
        for (int seed = 1; seed <= 3; seed++) {
            Path video = dir.resolve("day-" + seed + ".mkv");
            new FishTankSimulator(FishTankSimulator.Config.standard(), seed).simulate(30, video);
            days.add(video);
        }
    }

    private static BurstRecordings read(List<Path> training, List<Path> validation, List<Path> test, Path scratch)
            throws Exception {
        return BurstRecordings.read(
                training,
                validation,
                test,
                VideoReader.Options.seed000(),
                4,
                scratch,
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000());
    }

    @Test
    void theRuleIsRefitOnTheTrainingRecordingsAloneAndLabelsTheValidationOnes(@TempDir Path scratch) throws Exception {
        try (BurstRecordings sets = read(days.subList(0, 2), days.subList(2, 3), List.of(), scratch)) {
            double[] pooled = sets.training().stream()
                    .flatMapToDouble(d -> DoubleStream.of(Arrays.copyOf(d.energy(), d.frameCount() - 1)))
                    .toArray();
            BurstRule expected = BurstRule.seed000().refit(pooled);
            assertThat(sets.rule().minRange()).isEqualTo(expected.minRange());
            BurstData validation = sets.validation().get(0);
            assertThat(validation.labels()).isEqualTo(expected.labels(validation.energy()));
            assertThat(validation.baseline())
                    .isEqualTo(AlgorithmicBaseline.seed000().refit(pooled).probabilities(validation.energy()));
            // a whole recording is one block: training recordings have no validation frames and the reverse
            assertThat(sets.training().get(0).eligible(BurstData.Block.VALIDATION, 8, 89, 1))
                    .isEmpty();
            assertThat(validation.eligible(BurstData.Block.TRAIN, 8, 0, 1)).isEmpty();
            assertThat(validation.eligible(BurstData.Block.VALIDATION, 8, 89, 1))
                    .isNotEmpty();
            assertThat(stores(scratch)).hasSize(3);
        }
        assertThat(stores(scratch)).as("frame stores deleted on close").isEmpty();
    }

    @Test
    void trainingWindowsComeFromEveryTrainingRecordingWeightedByTheirPooledPrevalence(@TempDir Path scratch)
            throws Exception {
        AugurEngine.cpu();
        BurstClassifier.Spec spec = new BurstClassifier.Spec(30, 40, 8, 4, 4, 3);
        try (BurstRecordings sets = read(days.subList(0, 2), days.subList(2, 3), List.of(), scratch);
                NDManager manager = NDManager.newBaseManager();
                BurstClassifier model = new BurstClassifier(spec, manager, 0)) {
            long positives = 0;
            long frames = 0;
            for (BurstData d : sets.training()) {
                for (int t : d.eligible(BurstData.Block.TRAIN, 8, 0, 1)) {
                    positives += d.labels()[t];
                    frames++;
                }
            }
            BurstTraining objective = new BurstTraining(model, sets.training(), 4, 1);
            assertThat(objective.prevalence()).isEqualTo((double) positives / frames);
            BurstTraining first = new BurstTraining(model, sets.training().subList(0, 1), 4, 1);
            assertThat(first.prevalence()).isNotEqualTo(objective.prevalence());
            try (NDManager m = manager.newSubManager()) {
                assertThat(objective.loss(m, 0).getFloat()).isFinite().isPositive();
            }
        }
    }

    @Test
    void aRecordingInTwoSetsIsRefusedBeforeAnythingIsDecoded(@TempDir Path scratch) throws Exception {
        Path copy = Files.copy(days.get(0), scratch.resolve("copy-of-day-1.mkv"));
        assertThatThrownBy(() -> read(days.subList(0, 2), days.subList(2, 3), List.of(days.get(1)), scratch))
                .hasMessageContaining("day-2.mkv")
                .hasMessageContaining("one set only");
        assertThatThrownBy(() -> read(days.subList(0, 2), List.of(copy), List.of(), scratch))
                .hasMessageContaining("copy-of-day-1.mkv")
                .hasMessageContaining("is a copy of");
        assertThat(stores(scratch)).isEmpty();
    }

    private static List<Path> stores(Path scratch) throws Exception {
        try (Stream<Path> s = Files.list(scratch)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".frames."))
                    .toList();
        }
    }

    @Test
    void aManifestOfVideosAndSeriesTogetherIsRefusedNamingIt(@TempDir Path scratch) throws Exception {
        Path manifest = scratch.resolve("split.csv");
        Map<String, List<Path>> mixed = Map.of(
                "train", List.of(days.get(0)), "validation", List.of(scratch.resolve("day-2.csv")), "test", List.of());
        assertThatThrownBy(() -> BurstRecordings.areSeries(mixed, manifest))
                .hasMessageContaining("split.csv")
                .hasMessageContaining("1 series CSVs and 1 videos");
        assertThat(BurstRecordings.areSeries(Map.of("train", days), manifest)).isFalse();
    }
}
