package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * A stacked bidirectional LSTM over [B, T, C] → [B, T, 2·hidden], as PyTorch's {@code nn.LSTM(bidirectional=True)}:
 * each layer runs one LSTM forwards and one backwards in time and concatenates their hidden states per step; the
 * next layer reads that. Each direction is the shared {@link ConvLstmCell} with a 1×1 kernel on [B, C, 1, 1], which
 * is exactly an LSTM (one weight over [x, h], gates i, f, g, o; PyTorch's two biases add up to its one). Built
 * here because DJL's own bidirectional LSTM block fails (DESIGN §2).
 */
public final class BidirectionalLstm {
    private final List<ConvLstmCell[]> layers = new ArrayList<>();
    private final int hidden;

    public BidirectionalLstm(Weights weights, String name, int in, int hidden, int layers) {
        this.hidden = hidden;
        int width = in;
        for (int l = 0; l < layers; l++) {
            this.layers.add(new ConvLstmCell[] {
                new ConvLstmCell(weights, name + "." + l + ".forward", width, hidden, 1, false, 1, 1),
                new ConvLstmCell(weights, name + "." + l + ".backward", width, hidden, 1, false, 1, 1)
            });
            width = 2 * hidden;
        }
    }

    public int outputChannels() {
        return 2 * hidden;
    }

    public NDArray forward(NDArray sequence) {
        NDArray x = sequence;
        for (ConvLstmCell[] layer : layers) {
            x = run(layer[0], x, false).concat(run(layer[1], x, true), 2);
        }
        return x;
    }

    private NDArray run(ConvLstmCell cell, NDArray sequence, boolean backwards) {
        long batch = sequence.getShape().get(0);
        int steps = (int) sequence.getShape().get(1);
        CellState state = cell.initialState(sequence.getManager(), batch, 1, 1);
        NDArray[] out = new NDArray[steps];
        for (int k = 0; k < steps; k++) {
            int t = backwards ? steps - 1 - k : k;
            NDArray input =
                    sequence.get(new NDIndex(":, {}, :", t)).expandDims(2).expandDims(3);
            state = cell.step(input, state, null).state();
            out[t] = state.hidden().squeeze(new int[] {2, 3});
        }
        return NDArrays.stack(new NDList(out), 1);
    }
}
