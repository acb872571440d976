package dev.augur.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.io.TorchCheckpoint;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.ParityFixture;
import dev.augur.nn.TranslatorLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints saved by predrnn-pytorch's own code (reference/upstream_parity.py: 1-channel frames;
 * reference/checkpoint_roundtrip.py: 3-channel frames with layer norm) and by OpenSTL's models (PredRNN, ConvLSTM),
 * imported into bundles, predict what upstream predicted; exported again they hold upstream's tensors exactly, and
 * upstream's RNN, loading Augur's export, predicted what Augur predicts.
 */
class UpstreamCheckpointTest {
    private static Path resource(String name) throws Exception {
        return Path.of(
                UpstreamCheckpointTest.class.getResource("/parity/" + name).toURI());
    }

    private static VideoData data(Path dir) {
        return VideoData.npz(dir.resolve("test.npz"), dir.resolve("test.npz"), 0);
    }

    @Test
    void anUpstreamCheckpointPredictsWhatUpstreamPredicted(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture("predrnn_plain", manager);
            Path bundle = dir.resolve("imported");
            ModelSpec spec = UpstreamCheckpoint.importBundle(
                    resource("predrnn_plain/upstream.model.ckpt-1"),
                    UpstreamCheckpoint.Format.PREDRNN_PYTORCH,
                    new UpstreamCheckpoint.Frames(1, 8, 3, 6),
                    data(dir),
                    bundle);
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
    void threeChannelFramesAreRepatchedBothWays(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture("predrnn_rgb", manager);
            Path upstream = resource("predrnn_rgb/upstream.model.ckpt-1");
            Path bundle = dir.resolve("imported");
            ModelSpec spec = UpstreamCheckpoint.importBundle(
                    upstream,
                    UpstreamCheckpoint.Format.PREDRNN_PYTORCH,
                    new UpstreamCheckpoint.Frames(3, 8, 3, 6),
                    data(dir),
                    bundle);
            assertThat(spec.patchChannels()).isEqualTo(12);
            assertThat(spec.layerNorm()).isTrue();
            NDArray clip = fixture.array("clip");
            float[] ours;
            try (VideoModels.Loaded loaded = VideoModels.load(bundle, manager)) {
                ours = loaded.model().predict(clip.get(":, :3"), 3).toFloatArray();
                ParityFixture.assertClose(
                        ours,
                        lastFrames(fixture.array("upstream.predictions"), 3),
                        "imported 3-channel checkpoint vs predrnn-pytorch");
            }
            // back out: upstream's names, layouts and patch order, to the bit
            Path export = dir.resolve("model.ckpt-1");
            UpstreamCheckpoint.export(bundle, UpstreamCheckpoint.Format.PREDRNN_PYTORCH, export);
            Map<String, TorchCheckpoint.Tensor> original = TorchCheckpoint.stateDict(upstream, "net_param");
            Map<String, TorchCheckpoint.Tensor> exported = TorchCheckpoint.stateDict(export, "net_param");
            assertThat(exported.keySet()).containsExactlyElementsOf(original.keySet());
            original.forEach((name, t) -> {
                assertThat(exported.get(name).shape()).as(name).isEqualTo(t.shape());
                assertThat(exported.get(name).values()).as(name).isEqualTo(t.values());
            });
            // upstream's RNN loaded the export the CLI wrote from this same import (reference/checkpoint_roundtrip.py
            // load-export), with torch.load(weights_only=True) and a strict load_state_dict, and predicted this
            ParityFixture.assertClose(
                    ours,
                    lastFrames(fixture.array("upstream.from-export.predictions"), 3),
                    "predrnn-pytorch loading Augur's export vs Augur");
        }
    }

    /** The last {@code k} predicted frames of upstream's [B, T-1, C, H, W] output (it also predicts the input). */
    private static float[] lastFrames(NDArray predictions, int k) {
        long t = predictions.getShape().get(1);
        return predictions.get(":, " + (t - k) + ":").toFloatArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"predrnn", "convlstm", "predrnnpp"})
    void anOpenStlCheckpointPredictsWhatOpenStlPredicted(String model, @TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture clips = new ParityFixture("predrnn_rgb", manager);
            ParityFixture openstl = new ParityFixture("openstl_rgb", manager);
            Path bundle = dir.resolve(model);
            // the format told by the file: no net_param entry, a Lightning-style state_dict with "model." names
            ModelSpec spec = UpstreamCheckpoint.importBundle(
                    resource("openstl_rgb/openstl." + model + ".pth"),
                    null,
                    new UpstreamCheckpoint.Frames(3, 8, 3, 6),
                    data(dir),
                    bundle);
            assertThat(spec.architecture()).isEqualTo(model.equals("predrnnpp") ? "predrnn_plus" : model);
            assertThat(spec.hidden()).isEqualTo(List.of(6, 6));
            try (VideoModels.Loaded loaded = VideoModels.load(bundle, manager)) {
                NDArray clip = clips.array("clip");
                float[] ours = loaded.model().predict(clip.get(":, :3"), 3).toFloatArray();
                ParityFixture.assertClose(
                        ours,
                        lastFrames(openstl.array("upstream." + model + ".predictions"), 3),
                        "imported OpenSTL " + model + " vs OpenSTL");
                // OpenSTL's model loaded what the CLI exported from this import (reference/checkpoint_roundtrip.py
                // load-openstl-export, strict load_state_dict) and predicted this
                ParityFixture.assertClose(
                        ours,
                        lastFrames(openstl.array("upstream." + model + ".from-export.predictions"), 3),
                        "OpenSTL loading Augur's export vs Augur");
            }
            // exported again: OpenSTL's names and tensors, bit for bit, but for the weights its cells never use
            Path export = dir.resolve(model + ".ckpt");
            UpstreamCheckpoint.export(bundle, UpstreamCheckpoint.Format.OPENSTL, export);
            Map<String, TorchCheckpoint.Tensor> original =
                    TorchCheckpoint.stateDict(resource("openstl_rgb/openstl." + model + ".pth"), "state_dict");
            Map<String, TorchCheckpoint.Tensor> exported = TorchCheckpoint.stateDict(export, "state_dict");
            assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(original.keySet());
            original.forEach((name, t) -> {
                assertThat(exported.get(name).shape()).as(name).isEqualTo(t.shape());
                boolean unused = !model.equals("predrnn")
                        && (name.contains(".conv_o.") || (model.equals("convlstm") && name.contains(".conv_last.")));
                if (!unused) {
                    assertThat(exported.get(name).values()).as(name).isEqualTo(t.values());
                }
            });
        }
    }

    /**
     * OpenSTL's SimVP_Model (gSTA; TAU) as its Lightning checkpoint holds it (and, TAU, as a published legacy-format
     * .pth), batch-norm counters and all, after a training pass moved the running statistics: imported, it predicts
     * what OpenSTL predicted in eval mode.
     */
    @ParameterizedTest
    @CsvSource({
        "simvp_gsta, upstream.model.ckpt, simvp, 1, 4",
        "tau, upstream.model.ckpt, tau, 2, 2",
        "tau, upstream.model.legacy.pth, tau, 2, 2"
    })
    void anOpenStlSimVpPredictsWhatOpenStlPredicted(
            String name, String file, String architecture, int channels, int future, @TempDir Path dir)
            throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture(name, manager);
            Path bundle = dir.resolve("imported");
            ModelSpec spec = UpstreamCheckpoint.importBundle(
                    resource(name + "/" + file),
                    null,
                    new UpstreamCheckpoint.Frames(channels, 16, 3, 3 + future),
                    data(dir),
                    bundle);
            assertThat(spec.architecture()).isEqualTo(architecture);
            assertThat(spec.hidden()).isEqualTo(List.of(4, architecture.equals("tau") ? 16 : 8));
            assertThat(spec.translator()).isEqualTo(new TranslatorLayout(4, 3, 2.0));
            assertThat(spec.filter()).isEqualTo(3);
            try (VideoModels.Loaded loaded = VideoModels.load(bundle, manager)) {
                NDArray context = fixture.array("clip").get(":, :3");
                NDArray ours = loaded.model().predict(context, future);
                ParityFixture.assertClose(
                        ours, fixture.array("eval.predictions"), name + ": imported OpenSTL checkpoint");
                // OpenSTL's SimVP_Model loaded what the CLI exported from this import (reference/simvp_parity.py
                // --load-export: torch.load(weights_only=True), strict load_state_dict) and predicted this
                ParityFixture.assertClose(
                        ours,
                        fixture.array("upstream.from-export.eval.predictions"),
                        name + ": OpenSTL loading Augur's export vs Augur");
            }
            // exported again: OpenSTL's Lightning names and tensors, bit for bit, less batch norm's step counters
            Path export = dir.resolve("export.ckpt");
            UpstreamCheckpoint.export(bundle, UpstreamCheckpoint.Format.OPENSTL, export);
            Map<String, TorchCheckpoint.Tensor> original =
                    TorchCheckpoint.stateDict(resource(name + "/upstream.model.ckpt"), "state_dict");
            Map<String, TorchCheckpoint.Tensor> exported = TorchCheckpoint.stateDict(export, "state_dict");
            assertThat(exported.keySet())
                    .containsExactlyInAnyOrderElementsOf(original.keySet().stream()
                            .filter(k -> !k.endsWith("num_batches_tracked"))
                            .toList());
            exported.forEach((key, t) -> {
                assertThat(t.shape()).as(key).isEqualTo(original.get(key).shape());
                assertThat(t.values()).as(key).isEqualTo(original.get(key).values());
            });
            assertThatThrownBy(() -> UpstreamCheckpoint.export(
                            bundle, UpstreamCheckpoint.Format.PREDRNN_PYTORCH, dir.resolve("refused")))
                    .hasMessageContaining("predrnn-pytorch has no model for")
                    .hasMessageContaining("--format openstl");
            // the wrong input length is named, not guessed
            assertThatThrownBy(() -> UpstreamCheckpoint.importBundle(
                            resource(name + "/" + file),
                            null,
                            new UpstreamCheckpoint.Frames(channels, 16, 4, 8),
                            data(dir),
                            dir.resolve("wrong")))
                    .hasMessageContaining("J = 3")
                    .hasMessageContaining("--input-length 4");
        }
    }

    @Test
    void anExportIsBitForBitTheSameEachTime(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        Path bundle = dir.resolve("imported");
        UpstreamCheckpoint.importBundle(
                resource("predrnn_rgb/upstream.model.ckpt-1"),
                UpstreamCheckpoint.Format.PREDRNN_PYTORCH,
                new UpstreamCheckpoint.Frames(3, 8, 3, 6),
                data(dir),
                bundle);
        UpstreamCheckpoint.export(bundle, UpstreamCheckpoint.Format.PREDRNN_PYTORCH, dir.resolve("a"));
        UpstreamCheckpoint.export(bundle, UpstreamCheckpoint.Format.PREDRNN_PYTORCH, dir.resolve("b"));
        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(Files.readAllBytes(dir.resolve("b")));
    }

    @Test
    void thePatchOrdersAgreeForOneChannelAndInterleaveForThree() {
        assertThat(UpstreamCheckpoint.upstreamChannelOfOurs(1, 2)).containsExactly(0, 1, 2, 3);
        // ours: R0 R1 R2 R3 G0 .. B3; upstream: R0 G0 B0 R1 G1 B1 ..
        assertThat(UpstreamCheckpoint.upstreamChannelOfOurs(3, 2))
                .containsExactly(0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11);
    }

    @Test
    void checkpointsOfOtherShapesAreRefusedInWords(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        Path checkpoint = resource("predrnn_plain/upstream.model.ckpt-1");
        assertThatThrownBy(() -> UpstreamCheckpoint.importBundle(
                        checkpoint,
                        UpstreamCheckpoint.Format.PREDRNN_PYTORCH,
                        new UpstreamCheckpoint.Frames(3, 8, 3, 6),
                        data(dir),
                        dir.resolve("b")))
                .hasMessageContaining("no square patch of 3-channel frames");
        Path hostile =
                Path.of(getClass().getResource("/dev/augur/io/hostile.pt").toURI());
        assertThatThrownBy(() -> UpstreamCheckpoint.importBundle(
                        hostile,
                        UpstreamCheckpoint.Format.PREDRNN_PYTORCH,
                        new UpstreamCheckpoint.Frames(1, 8, 3, 6),
                        data(dir),
                        dir.resolve("b")))
                .hasMessageContaining("refused, nothing was run");
        assertThat(dir.resolve("b")).doesNotExist();
    }
}
