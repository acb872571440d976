package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.data.NumpyFiles;
import dev.augur.data.VideoReader;
import dev.augur.engine.AugurEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parity with seed 000's real, published series (../shared/data/fish-lin2021). */
class FishLin2021Test {
    static Path data;

    @BeforeAll
    static void find() {
        data = RealFishData.folder();
        AugurEngine.start("cpu");
    }

    static double[] npy(Path file) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            return NumpyFiles.read(m, file)
                    .get(0)
                    .toType(DataType.FLOAT64, false)
                    .toDoubleArray();
        }
    }

    @Test
    void theRuleReproducesThePublishedLabelsOfBothBlocks() throws Exception {
        for (String block : List.of("train", "validation")) {
            double[] y = npy(data.resolve(block).resolve("Y_tilde.npy"));
            double[] published = npy(data.resolve(block).resolve("Y_label.npy"));
            int[] rule = FishLin2021.ruleLabels(y);
            for (int t = 0; t < y.length; t++) {
                // -1 (no label: warm-up and the last h + 1 frames) is published as 0
                assertThat(Math.max(0, rule[t])).as("%s frame %d", block, t).isEqualTo((int) published[t]);
            }
            assertThat(rule[BurstRule.SEED_WARM_UP - 1]).isEqualTo(-1);
            assertThat(rule[BurstRule.SEED_WARM_UP]).isIn(0, 1);
        }
        assertThat(Arrays.stream(npy(data.resolve("train/Y_label.npy"))).sum()).isEqualTo(6005);
        // refit on the seed's own footage leaves its constants as published
        double[] train = npy(data.resolve("train/Y_tilde.npy"));
        assertThat(BurstRule.seed000()
                        .refit(Arrays.copyOf(train, train.length - 1))
                        .minRange())
                .isCloseTo(0.001, offset(1e-6));
    }

    @Test
    void motionEnergyOfTheRealFramesReproducesThePublishedSeries() throws Exception {
        double[] published = npy(data.resolve("train/Y_tilde.npy"));
        double[] energy;
        try (FrameSource frames =
                FrameCache.open(data.resolve("frames"), new VideoReader.Options(240, 320, 30, null))) {
            energy = MotionEnergy.of(frames);
        }
        assertThat(energy).hasSize(10);
        assertThat(energy[0]).isZero(); // frames 00000 and 00001 are identical
        for (int t = 0; t < 10; t++) {
            assertThat(energy[t]).as("ỹ[%d]", t).isCloseTo(published[t], offset(1e-7));
        }
        assertThat(energy[1]).isGreaterThan(1e-4);
    }

    /** The notebook's formula, written out once more by hand for single frames. */
    static double notebook(double[] y, int t) {
        int d = 89;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = t - d; i <= t - 1; i++) {
            min = Math.min(min, y[i]);
            max = Math.max(max, y[i]);
        }
        double ptp = max - min;
        double a = 1 / (1 + Math.exp(-5300 * (ptp - 0.0006)));
        double b = 1 / (1 + Math.exp(11000 * (y[t - 1] - (min + 0.2 * ptp))));
        return (a + b) / 2;
    }

    @Test
    void theBaselineIsTheNotebookFormulaOnTheScoredFrames() throws Exception {
        double[] y = npy(data.resolve("validation/Y_tilde.npy"));
        double[] p = FishLin2021.baseline(y);
        int n = y.length;
        for (int t : new int[] {119, 120, 500, 1777, 3000, n - 12}) {
            assertThat(p[t]).as("P[%d]", t).isCloseTo(notebook(y, t), offset(1e-12));
        }
        assertThat(p[118]).isNaN();
        assertThat(p[n - 11]).isNaN();
        assertThat(Arrays.stream(p).filter(Double::isFinite).count()).isEqualTo(n - 12 - 119 + 1);
    }

    @Test
    void convertsTheAuthorsLayoutIntoSeriesFiles(@TempDir Path out) throws Exception {
        List<FishLin2021.Block> blocks;
        try (NDManager m = NDManager.newBaseManager()) {
            blocks = FishLin2021.read(data, m);
        }
        assertThat(blocks).extracting(FishLin2021.Block::name).containsExactly("train", "validation");
        for (FishLin2021.Block b : blocks) {
            assertThat(b.publishedLabels()).isTrue();
            assertThat(b.ruleDisagreements()).isZero();
            b.series().write(out.resolve(b.name() + ".csv"));
            BurstSeries back = BurstSeries.read(out.resolve(b.name() + ".csv"));
            assertThat(back.energy()).containsExactly(b.series().energy());
            assertThat(back.labels()).containsExactly(b.series().labels());
            assertThat(back.baseline())
                    .usingElementComparator((x, z) -> Double.compare(x, z))
                    .containsExactly(b.series().baseline());
        }
        assertThat(blocks.get(1).series().length()).isEqualTo(3593);
        assertThat(blocks.get(1).series().prevalence()).isCloseTo(0.127, offset(0.001));
    }

    @Test
    void aBlockWithoutLabelsGetsTheRulesLabels(@TempDir Path root) throws Exception {
        Path dir = Files.createDirectories(root.resolve("test"));
        Files.copy(data.resolve("validation/Y_tilde.npy"), dir.resolve("Y_tilde.npy"));
        try (NDManager m = NDManager.newBaseManager()) {
            FishLin2021.Block b = FishLin2021.read(root, m).get(0);
            assertThat(b.publishedLabels()).isFalse();
            double[] published = npy(data.resolve("validation/Y_label.npy"));
            for (int t = 0; t < published.length; t++) {
                assertThat(Math.max(0, b.series().labels()[t])).isEqualTo((int) published[t]);
            }
        }
        assertThatThrownBy(() -> {
                    try (NDManager m = NDManager.newBaseManager()) {
                        FishLin2021.read(root.resolve("nothing"), m);
                    }
                })
                .hasMessageContaining("nothing");
    }
}
