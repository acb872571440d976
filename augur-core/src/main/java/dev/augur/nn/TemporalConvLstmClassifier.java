package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;

/**
 * A forecaster of per-frame series (seed 000's motion energy and any tracker features), [B, T, F] → logits: two
 * 'same' Conv1D(w, kernel 5) → ReLU layers find local shapes (a spike, a lull), max-pool by {@value #POOL} in time
 * (the last, possibly shorter, pool holds the newest frames), then one LSTM of w units — the shared
 * {@link ConvLstmCell} with a 1×1 kernel — reads the pooled sequence in time order, and a linear layer maps its last
 * hidden state to the logits.
 */
public final class TemporalConvLstmClassifier extends WindowClassifier {
    static final int POOL = 4;
    private final Conv1dLayer[] convs = new Conv1dLayer[2];
    private final ConvLstmCell lstm;
    private final DenseLayer output;

    public TemporalConvLstmClassifier(Spec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        int w = spec.width();
        convs[0] = new Conv1dLayer(weights, "conv.0", spec.features(), w, 5, true);
        convs[1] = new Conv1dLayer(weights, "conv.1", w, w, 5, true);
        this.lstm = new ConvLstmCell(weights, "lstm", w, w, 1, false, 1, 1);
        this.output = new DenseLayer(weights, "head", w, spec.classes(), true);
    }

    @Override
    public NDArray logits(NDArray windows, boolean training) {
        NDArray x = windows.transpose(0, 2, 1); // [B, F, T]
        for (Conv1dLayer conv : convs) {
            x = Activation.relu(conv.forward(x));
        }
        x = Pool.maxPool1d(x, new Shape(POOL), new Shape(POOL), new Shape(0), true); // [B, w, ceil(T / 4)]
        long batch = x.getShape().get(0);
        long steps = x.getShape().get(2);
        CellState state = lstm.initialState(x.getManager(), batch, 1, 1);
        for (long t = 0; t < steps; t++) {
            NDArray input = x.get(new NDIndex(":, :, {}", t)).expandDims(2).expandDims(3);
            state = lstm.step(input, state, null).state();
        }
        return output.forward(state.hidden().squeeze(new int[] {2, 3}));
    }
}
