package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.augur.engine.AugurEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SimVP (gSTA) and TAU against OpenSTL's own SimVP_Model (reference/simvp_parity.py): predictions of K > J frames
 * in training mode (batch statistics, whole predicted chunks fed back), the loss and every weight's gradient,
 * then — after the running statistics that pass updated — the inference predictions; each element to
 * |a − b| ≤ 1e-5 + 1e-4·|b|.
 */
class SimVpParityTest {

    @ParameterizedTest
    @CsvSource({"simvp_gsta, simvp, 1, 4, 8, 4, 3, 4", "tau, tau, 2, 4, 16, 4, 3, 2"})
    void matchesOpenStlForwardBackwardAndInference(
            String name, String architecture, int channels, int spatial, int temporal, int spatialLayers, int j, int k)
            throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture(name, manager);
            ModelSpec spec = new ModelSpec(
                    architecture,
                    channels,
                    16,
                    16,
                    1,
                    List.of(spatial, temporal),
                    3,
                    false,
                    false,
                    false,
                    j,
                    new TranslatorLayout(spatialLayers, 3, 2.0));
            try (FramePredictor model = FramePredictor.create(spec, manager, 0)) {
                NDList weights = fixture.named("w.");
                assertThat(weights.size())
                        .as("weights and running statistics")
                        .isEqualTo(model.weights().names().size() + buffers(model, weights));
                model.weights().load(weights, "", name);
                NDArray clip = fixture.array("clip");
                assertThat(clip.getShape().get(1)).isEqualTo(j + k);
                assertThat(model.firstTarget()).isEqualTo(j);

                NDArray predictions;
                float loss;
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    predictions = model.forward(clip, null);
                    NDArray scaled = predictions
                            .sub(clip.get(new NDIndex(":, {}:", j)))
                            .square()
                            .mean()
                            .mul((float) fixture.lossScale());
                    loss = scaled.getFloat();
                    collector.backward(scaled);
                }
                ParityFixture.assertClose(predictions, fixture.array("predictions"), name + ": predictions");
                ParityFixture.assertClose(
                        new float[] {loss}, fixture.array("loss").toFloatArray(), name + ": loss");
                NDList grads = fixture.named("grad.");
                assertThat(grads).hasSize(model.weights().names().size());
                for (NDArray expected : grads) {
                    ParityFixture.assertClose(
                            model.weights().get(expected.getName()).getGradient(),
                            expected,
                            name + ": gradient of " + expected.getName());
                }
                NDArray inference = model.predict(clip.get(new NDIndex(":, :{}", j)), k);
                ParityFixture.assertClose(
                        inference, fixture.array("eval.predictions"), name + ": inference after the training pass");
            }
        }
    }

    private static int buffers(FramePredictor model, NDList weights) {
        return (int) weights.stream()
                .filter(w -> !model.weights().names().contains(w.getName()))
                .peek(w -> model.weights().getBuffer(w.getName()))
                .count();
    }

    /** More future frames than inputs: whole chunks fed back, the last cut; fewer: cut from the first. */
    @Test
    void predictsAnyNumberOfFramesInChunksOfJ() {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSpec spec = new ModelSpec(
                    "simvp", 1, 8, 8, 1, List.of(2, 4), 3, false, false, false, 2, new TranslatorLayout(2, 2, 2.0));
            try (FramePredictor model = FramePredictor.create(spec, manager, 3)) {
                NDArray context = manager.randomUniform(0f, 1f, new Shape(1, 2, 1, 8, 8));
                NDArray five = model.predict(context, 5);
                assertThat(five.getShape()).isEqualTo(new Shape(1, 5, 1, 8, 8));
                NDArray two = model.predict(context, 2);
                NDArray one = model.predict(context, 1);
                ParityFixture.assertClose(five.get(new NDIndex(":, :2")), two, "first chunk");
                ParityFixture.assertClose(one, two.get(new NDIndex(":, :1")), "a cut chunk");
                ParityFixture.assertClose(five.get(new NDIndex(":, 2:4")), model.predict(two, 2), "second chunk");
            }
        }
    }
}
