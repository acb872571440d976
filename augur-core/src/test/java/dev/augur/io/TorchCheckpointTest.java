package dev.augur.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoints written by PyTorch's own torch.save (reference/checkpoints_reference.py). */
class TorchCheckpointTest {
    private static Path resource(String name) throws Exception {
        return Path.of(TorchCheckpointTest.class.getResource(name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"small.pt", "small_legacy.pt"})
    void readsEveryTensorOfAPredRnnPytorchCheckpointAsPyTorchHeldIt(String file) throws Exception {
        Map<String, TorchCheckpoint.Tensor> tensors = TorchCheckpoint.stateDict(resource(file), "net_param");
        JsonNode expected =
                Json.mapper().readTree(resource("small.expected.json").toFile());
        assertThat(tensors.keySet())
                .containsExactly("cell_list.0.conv_x.0.weight", "transposed", "conv_last.weight", "scalar");
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : tensors.entrySet()) {
            JsonNode want = expected.get(e.getKey());
            long[] shape = e.getValue().shape();
            assertThat(shape).as(e.getKey()).hasSize(want.get("shape").size());
            for (int d = 0; d < shape.length; d++) {
                assertThat(shape[d]).isEqualTo(want.get("shape").get(d).asLong());
            }
            float[] values = e.getValue().values();
            assertThat(values).as(e.getKey()).hasSize(want.get("values").size());
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i])
                        .isEqualTo((float) want.get("values").get(i).asDouble());
            }
        }
        // the transposed view was saved with its strides: read in its own row-major order, not its storage's
        assertThat(tensors.get("transposed").shape()).containsExactly(5, 3);
    }

    @Test
    void aPickleThatWouldRunACommandIsRefusedAndNothingRuns() throws Exception {
        Path marker = Path.of("/tmp/augur-hostile-pickle-ran");
        Files.deleteIfExists(marker);
        Path hostile = resource("hostile.pt");
        assertThatThrownBy(() -> TorchCheckpoint.read(hostile))
                .hasMessageStartingWith(hostile + ": the pickle names posix.system")
                .hasMessageContaining("refused, nothing was run");
        assertThat(marker).doesNotExist();
    }

    @Test
    void filesThatAreNotCheckpointsAreNamed(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.ckpt"), "not a zip");
        assertThatThrownBy(() -> TorchCheckpoint.read(text))
                .hasMessageStartingWith(text + ": not a PyTorch checkpoint");
        Path zip = dir.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("x/readme.txt"));
            out.write(1);
        }
        assertThatThrownBy(() -> TorchCheckpoint.read(zip)).hasMessageContaining("no data.pkl inside");
        assertThatThrownBy(() -> TorchCheckpoint.stateDict(resource("small.pt"), "state_dict"))
                .hasMessageContaining("no 'state_dict' entry");
    }

    @Test
    void aTruncatedLegacyCheckpointIsNamedNotHalfRead(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(resource("small_legacy.pt"));
        for (int cut : new int[] {1, 30, whole.length / 2, whole.length - 3}) {
            Path part = Files.write(dir.resolve("cut" + cut + ".pt"), Arrays.copyOf(whole, cut));
            assertThatThrownBy(() -> TorchCheckpoint.read(part))
                    .as("cut at " + cut)
                    .hasMessageStartingWith(part + ": ");
        }
        Path pickle = Files.write(dir.resolve("plain.pkl"), new byte[] {(byte) 0x80, 2, 'K', 7, '.'});
        assertThatThrownBy(() -> TorchCheckpoint.read(pickle)).hasMessageContaining("no torch.save magic number");
    }
}
