package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Patching → {@link CellStack} of ConvLSTM, ST-LSTM or memory-flow cells → 1×1 frame decoder, rolled out by {@link
 * Rollout}: the predrnn-pytorch model
 * family. The decoder has no bias, like predrnn-pytorch's {@code conv_last}.
 */
public final class RecurrentFramePredictor extends PatchedFramePredictor<CellStack.State> {
    private final CellStack stack;
    private final Conv2dLayer decoder;

    public RecurrentFramePredictor(ModelSpec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        List<RecurrentCell> cells = new ArrayList<>();
        int in = spec.patchChannels();
        for (int l = 0; l < spec.hidden().size(); l++) {
            int h = spec.hidden().get(l);
            cells.add(RecurrentCell.of(
                    spec.kind(),
                    weights,
                    l,
                    in,
                    h,
                    spec.filter(),
                    spec.peephole(),
                    spec.layerNorm(),
                    spec.patchHeight(),
                    spec.patchWidth()));
            in = h;
        }
        this.stack = new CellStack(cells, spec.residual());
        this.decoder = new Conv2dLayer(weights, "decoder", stack.topChannels(), spec.patchChannels(), 1, 1, false);
    }

    @Override
    public CellStack.State initialState(NDArray firstFrame) {
        Shape s = firstFrame.getShape();
        return stack.initialState(firstFrame.getManager(), s.get(0), s.get(2), s.get(3));
    }

    @Override
    public Next<CellStack.State> next(NDArray frame, CellStack.State state) {
        CellStack.State after = stack.step(frame, state);
        return new Next<>(decoder.forward(after.output()), after);
    }
}
