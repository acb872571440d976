package dev.augur.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.ParityFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint saved by predrnn-pytorch's own code (reference/upstream_parity.py: its RNN, given the predrnn_plain
 * fixture's weights, saved as its model_factory saves) imported into a bundle predicts what upstream predicted.
 */
class CheckpointImportTest {
    @Test
    void anUpstreamCheckpointPredictsWhatUpstreamPredicted(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture("predrnn_plain", manager);
            Path checkpoint = Path.of(getClass()
                    .getResource("/parity/predrnn_plain/upstream.model.ckpt-1")
                    .toURI());
            Path bundle = dir.resolve("imported");
            ModelSpec spec = CheckpointImport.predRnnPytorch(
                    checkpoint, new CheckpointImport.Frames(1, 8, 3, 6, dir.resolve("mnist.npz")), bundle);
            // read from the weights' shapes: 2 layers of 6, filter 3, patch 2 (4 = 1 channel x 2 x 2), no layer norm
            assertThat(spec.hidden()).isEqualTo(List.of(6, 6));
            assertThat(spec.filter()).isEqualTo(3);
            assertThat(spec.patch()).isEqualTo(2);
            assertThat(spec.layerNorm()).isFalse();
            try (VideoModels.Loaded loaded = VideoModels.load(bundle, manager)) {
                NDArray predictions = loaded.model().forward(fixture.array("clip"), fixture.array("mask"));
                ParityFixture.assertClose(
                        predictions, fixture.array("upstream.predictions"), "imported checkpoint vs predrnn-pytorch");
            }
        }
    }

    @Test
    void checkpointsOfOtherShapesAreRefusedInWords(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        Path checkpoint = Path.of(getClass()
                .getResource("/parity/predrnn_plain/upstream.model.ckpt-1")
                .toURI());
        assertThatThrownBy(() -> CheckpointImport.predRnnPytorch(
                        checkpoint, new CheckpointImport.Frames(3, 8, 3, 6, dir), dir.resolve("b")))
                .hasMessageContaining("no square patch of 3-channel frames");
        Path hostile =
                Path.of(getClass().getResource("/dev/augur/io/hostile.pt").toURI());
        assertThatThrownBy(() -> CheckpointImport.predRnnPytorch(
                        hostile, new CheckpointImport.Frames(1, 8, 3, 6, dir), dir.resolve("b")))
                .hasMessageContaining("refused, nothing was run");
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
