package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * E3D-LSTM as e3d_lstm's {@code eidetic_3d_lstm_net} builds it: at step t the bottom layer reads the window
 * [frame t−1, frame t] (zeros before the first frame), a stack of {@link EideticLstmCell}s with the zig-zag memory
 * and optional residual links, and a frame decoder that folds the top window into one frame (3D convolution,
 * kernel and stride τ×1×1, with bias). Patching and the rollout are the shared ones. Architecture
 * {@code e3d_lstm_2d} is the same network with τ = 1 (2D convolutions; the window is the current frame alone).
 */
public final class EideticFramePredictor extends PatchedFramePredictor<EideticFramePredictor.State> {
    private final CellStack stack;
    private final Conv3dLayer decoder;
    private static final double INFERENCE_BYTES = 2e9;
    private final int window;

    /** The stack's state and the frame read at the previous step (the window's first frame). */
    public record State(CellStack.State stack, NDArray previous) implements Carried {
        @Override
        public NDList arrays() {
            NDList all = stack.arrays();
            all.add(previous);
            return all;
        }
    }

    public EideticFramePredictor(ModelSpec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        this.window = spec.kind().window();
        List<RecurrentCell> cells = new ArrayList<>();
        int in = spec.patchChannels();
        for (int l = 0; l < spec.hidden().size(); l++) {
            cells.add(RecurrentCell.of(
                    spec.kind(),
                    weights,
                    l,
                    in,
                    spec.hidden().get(l),
                    spec.filter(),
                    false,
                    spec.layerNorm(),
                    spec.patchHeight(),
                    spec.patchWidth()));
            in = spec.hidden().get(l);
        }
        this.stack = new CellStack(cells, spec.residual());
        this.decoder =
                new Conv3dLayer(weights, "decoder", stack.topChannels(), spec.patchChannels(), window, 1, window, true);
    }

    /**
     * The recall's attention weights dominate inference memory: per sequence, layer and step [τHW, τHW·steps]
     * floats. Sized so that one step of a 2J-frame rollout stays near 2 GB.
     */
    @Override
    public int inferenceBatch() {
        double positions = (double) window * spec.patchHeight() * spec.patchWidth();
        // scores and their softmax, over a history of up to 2J steps, in every layer
        double perSequence = 2.0
                * Float.BYTES
                * positions
                * positions
                * 2
                * spec.inputLength()
                * spec.hidden().size();
        return (int) Math.max(1, Math.min(100, INFERENCE_BYTES / perSequence));
    }

    @Override
    public State initialState(NDArray firstFrame) {
        Shape s = firstFrame.getShape();
        return new State(
                stack.initialState(firstFrame.getManager(), s.get(0), s.get(2), s.get(3)), firstFrame.zerosLike());
    }

    @Override
    public Next<State> next(NDArray frame, State state) {
        NDArray input = window == 1
                ? frame.expandDims(2)
                : state.previous().expandDims(2).concat(frame.expandDims(2), 2);
        CellStack.State after = stack.step(input, state.stack());
        NDArray out = decoder.forward(after.output()).squeeze(2);
        return new Next<>(out, new State(after, frame));
    }
}
