package dev.augur.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import dev.augur.engine.AugurEngine;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our ConvLSTM, ST-LSTM (PredRNN Eq. 4), memory-flow (Eq. 3) and E3D-LSTM stacks against PyTorch's
 * (reference/cells_reference.py): outputs, loss and every weight's gradient to 1e-5.
 */
class RecurrentParityTest {

    @ParameterizedTest
    @CsvSource({
        "convlstm_plain, convlstm, 1, 8, 2, '8,8', 3, false, false, false, 3",
        "convlstm_peephole_residual, convlstm, 2, 8, 2, '6,6,6', 3, true, true, false, 3",
        "predrnn_plain, predrnn, 1, 8, 2, '6,6', 3, false, false, false, 3",
        "predrnn_layernorm_residual, predrnn, 1, 8, 2, '5,5,5', 3, false, true, true, 3",
        "memory_flow, memory_flow, 1, 8, 2, '6,6,6', 3, false, false, false, 3",
        "e3d_lstm_layernorm, e3d_lstm, 1, 8, 2, '4,4', 3, false, false, true, 3",
        "e3d_lstm_plain_residual, e3d_lstm, 1, 8, 2, '4,4,4', 3, false, true, false, 2"
    })
    void matchesPyTorchForwardAndBackward(
            String name,
            String architecture,
            int channels,
            int size,
            int patch,
            String hidden,
            int filter,
            boolean peephole,
            boolean residual,
            boolean layerNorm,
            int inputLength)
            throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager()) {
            ParityFixture fixture = new ParityFixture(name, manager);
            List<Integer> sizes =
                    Arrays.stream(hidden.split(",")).map(Integer::parseInt).toList();
            ModelSpec spec = new ModelSpec(
                    architecture,
                    channels,
                    size,
                    size,
                    patch,
                    sizes,
                    filter,
                    peephole,
                    residual,
                    layerNorm,
                    inputLength);
            try (FramePredictor model = FramePredictor.create(spec, manager, 0)) {
                NDList weights = fixture.named("w.");
                assertThat(weights.size()).isEqualTo(model.weights().names().size());
                model.weights().load(weights, "", name);

                NDArray clip = fixture.array("clip");
                NDArray mask = fixture.array("mask");
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray predictions = model.forward(clip, mask);
                    assertThat(ParityFixture.maxAbsDiff(predictions, fixture.array("predictions")))
                            .isLessThan(1e-5);

                    NDArray loss = predictions
                            .sub(clip.get(new NDIndex(":, 1:")))
                            .square()
                            .mean();
                    assertThat((double) loss.getFloat())
                            .isCloseTo(fixture.array("loss").getFloat(), Offset.offset(1e-6));
                    collector.backward(loss);
                }
                NDList grads = fixture.named("grad.");
                for (NDArray expected : grads) {
                    NDArray actual = model.weights().get(expected.getName()).getGradient();
                    assertThat(ParityFixture.maxAbsDiff(actual, expected))
                            .as("gradient of %s", expected.getName())
                            .isLessThan(1e-5);
                }
            }
        }
    }
}
