package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.augur.engine.AugurEngine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our ConvLSTM stack against PyTorch's (reference/convlstm_reference.py): outputs and gradients to 1e-5. */
class ConvLstmParityTest {

    @ParameterizedTest
    @CsvSource({
        "convlstm_plain, 1, 8, 2, '8,8', 3, false, false, 3",
        "convlstm_peephole_residual, 2, 8, 2, '6,6,6', 3, true, true, 3"
    })
    void matchesPyTorchForwardAndBackward(String name, int channels, int size, int patch, String hidden, int filter,
                                          boolean peephole, boolean residual, int inputLength) throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture(name, manager);
            List<Integer> sizes = java.util.Arrays.stream(hidden.split(",")).map(Integer::parseInt).toList();
            ModelSpec spec = new ModelSpec("convlstm", channels, size, size, patch, sizes, filter, peephole, residual,
                    inputLength);
            try (FramePredictor model = FramePredictor.create(spec, manager, 0)) {
                NDList weights = fixture.named("w.");
                assertThat(weights.size()).isEqualTo(model.weights().names().size());
                model.weights().load(weights, "", name);

                NDArray clip = fixture.array("clip");
                NDArray mask = fixture.array("mask");
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray predictions = model.forward(clip, mask);
                    assertThat(ParityFixture.maxAbsDiff(predictions, fixture.array("predictions"))).isLessThan(1e-5);

                    NDArray loss = predictions.sub(clip.get(new NDIndex(":, 1:"))).square().mean();
                    assertThat((double) loss.getFloat()).isCloseTo(fixture.array("loss").getFloat(),
                            org.assertj.core.data.Offset.offset(1e-6));
                    collector.backward(loss);
                }
                NDList grads = fixture.named("grad.");
                for (NDArray expected : grads) {
                    NDArray actual = model.weights().get(expected.getName()).getGradient();
                    assertThat(ParityFixture.maxAbsDiff(actual, expected))
                            .as("gradient of %s", expected.getName()).isLessThan(1e-5);
                }
            }
        }
    }
}
