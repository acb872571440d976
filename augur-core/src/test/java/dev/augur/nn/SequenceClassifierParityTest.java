package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.augur.engine.AugurEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seed 004's CNN-LSTM and the 1D-convolution baseline against torch.nn modules (reference/behavior_reference.py):
 * training-mode logits, loss and every gradient, running statistics after the step, and eval-mode logits, to 1e-5.
 */
class SequenceClassifierParityTest {

    @ParameterizedTest
    @CsvSource({"cnn_lstm, cnn_lstm, 12, 4", "conv1d, conv1d, 9, 5"})
    void matchesPyTorch(String name, String architecture, int window, int width) throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture(name, manager);
            SequenceClassifier.Spec spec = new SequenceClassifier.Spec(architecture, 6, 4, window, width, 0);
            try (SequenceClassifier model = SequenceClassifier.create(spec, manager, 0)) {
                NDList weights = fixture.named("w.");
                assertThat(weights.size())
                        .isEqualTo(model.weights().names().size()
                                + fixture.named("after.").size());
                model.weights().load(weights, "", name);
                NDArray windows = fixture.array("windows");
                NDArray labels = fixture.array("labels");
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray logits = model.logits(windows, true);
                    ParityFixture.assertClose(logits, fixture.array("logits_train"), name + ": training logits");
                    NDArray loss = logits.logSoftmax(1)
                            .mul(labels.oneHot(4))
                            .sum(new int[] {1})
                            .neg()
                            .mean()
                            .mul((float) fixture.lossScale());
                    ParityFixture.assertClose(
                            new float[] {loss.getFloat()}, fixture.array("loss").toFloatArray(), name + ": loss");
                    collector.backward(loss);
                }
                for (NDArray expected : fixture.named("grad.")) {
                    NDArray actual = model.weights().get(expected.getName()).getGradient();
                    ParityFixture.assertClose(actual, expected, name + ": gradient of " + expected.getName());
                }
                // a bias just before BatchNorm has a zero gradient by construction: ours must be ~0 too
                for (int i = 0; i < 3; i++) {
                    float bias = model.weights()
                            .get("conv." + i + ".bias")
                            .getGradient()
                            .abs()
                            .max()
                            .getFloat();
                    float weight = model.weights()
                            .get("conv." + i + ".weight")
                            .getGradient()
                            .abs()
                            .max()
                            .getFloat();
                    assertThat((double) bias).as("conv.%d.bias gradient", i).isLessThanOrEqualTo(1e-6 * weight);
                }
                for (NDArray expected : fixture.named("after.")) {
                    ParityFixture.assertClose(
                            model.weights().getBuffer(expected.getName()),
                            expected,
                            name + ": running statistic " + expected.getName());
                }
                ParityFixture.assertClose(
                        model.logits(windows, false), fixture.array("logits_eval"), name + ": evaluation logits");
            }
        }
    }
}
