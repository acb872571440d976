package dev.augur.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.FramePredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    @Test
    void savedWeightsLoadBackExactly(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager();
                FramePredictor a = FramePredictor.create(TinyRun.SPEC, m, 1);
                FramePredictor b = FramePredictor.create(TinyRun.SPEC, m, 2)) {
            Path bundle = dir.resolve("model");
            ModelBundle.save(bundle, "video", a.spec(), TinyRun.config(1, 1), "data", a.weights());
            ModelBundle.save(
                    bundle, "video", a.spec(), TinyRun.config(1, 1), "data", a.weights()); // overwrite in place
            assertThat(b.weights().get("decoder.weight").toFloatArray())
                    .isNotEqualTo(a.weights().get("decoder.weight").toFloatArray());
            ModelBundle read = ModelBundle.read(bundle, "video");
            read.loadWeights(b.weights());
            for (String n : a.weights().names()) {
                assertThat(b.weights().get(n).toFloatArray())
                        .isEqualTo(a.weights().get(n).toFloatArray());
            }
            assertThat(read.augurVersion()).isEqualTo(ModelBundle.AUGUR_VERSION);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model");
            }
        }
    }

    @Test
    void wrongOrBrokenBundlesAreClearErrors(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        try (NDManager m = NDManager.newBaseManager();
                FramePredictor a = FramePredictor.create(TinyRun.SPEC, m, 1)) {
            Path bundle = dir.resolve("model");
            ModelBundle.save(bundle, "video", a.spec(), TinyRun.config(1, 1), "data", a.weights());
            assertThatThrownBy(() -> ModelBundle.read(bundle, "bursts")).hasMessageContaining("'video' model");
            assertThatThrownBy(() -> ModelBundle.read(dir.resolve("nope"), "video"))
                    .hasMessageContaining("nope");

            byte[] weights = Files.readAllBytes(bundle.resolve("weights.npz"));
            Files.write(bundle.resolve("weights.npz"), Arrays.copyOf(weights, weights.length / 2));
            assertThatThrownBy(() -> ModelBundle.read(bundle, "video").loadWeights(a.weights()))
                    .hasMessageContaining(bundle.resolve("weights.npz").toString());

            Files.writeString(bundle.resolve("model.json"), "{\"format\": \"augur-model\", ");
            assertThatThrownBy(() -> ModelBundle.read(bundle, "video"))
                    .hasMessageContaining("model.json")
                    .hasMessageContaining("JSON");
        }
    }
}
