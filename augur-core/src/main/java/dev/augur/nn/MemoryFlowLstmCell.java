package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The PredRNN paper's ablation "ConvLSTM with spatiotemporal memory flow" (Wang et al. 2017, Eq. 3). A layer
 * keeps nothing of its own from t−1: its gates read the hidden state and memory of the layer below at the same
 * step, and the bottom layer reads those of the top layer at t−1 besides the frame:
 * <pre>
 * g = tanh(W_xg*X·1{l=1} + W_hg*H^{l−1} + b_g)       i = σ(W_xi*X·1{l=1} + W_hi*H^{l−1} + W_mi⊙M^{l−1} + b_i)
 * f = σ(W_xf*X·1{l=1} + W_hf*H^{l−1} + W_mf⊙M^{l−1} + b_f)       M^l = f⊙M^{l−1} + i⊙g
 * o = σ(W_xo*X·1{l=1} + W_ho*H^{l−1} + W_mo⊙M^l + b_o)           H^l = o⊙tanh(M^l)
 * </pre>
 * Both H and M zig-zag, so the memory this cell passes through the stack is [H, M] (2·hidden channels). For
 * layers above the first, H^{l−1} is the input the stack hands up. Gate order i, f, g, o as in
 * {@link ConvLstmCell}; the Hadamard weights W_m start at zero like its peepholes.
 */
public final class MemoryFlowLstmCell extends StackedCell {
    private final Conv2dLayer convIn;
    private final Conv2dLayer convTop;
    private final NDArray memI;
    private final NDArray memF;
    private final NDArray memO;

    /** @param bottom true for layer 1, which also reads the top layer's H from the previous step */
    public MemoryFlowLstmCell(
            Weights weights, String name, int in, int hidden, int filter, boolean bottom, int height, int width) {
        super(in, hidden);
        this.convIn = new Conv2dLayer(weights, name + ".conv", in, 4 * hidden, filter, 1, true);
        this.convTop =
                bottom ? new Conv2dLayer(weights, name + ".conv_top", hidden, 4 * hidden, filter, 1, false) : null;
        Shape s = new Shape(hidden, height, width);
        this.memI = weights.constant(name + ".memory_i", s, 0f);
        this.memF = weights.constant(name + ".memory_f", s, 0f);
        this.memO = weights.constant(name + ".memory_o", s, 0f);
    }

    /** The layer's last output; everything it carries forward travels in the zig-zag memory. */
    public record State(NDArray hidden) implements CellState {
        @Override
        public NDList arrays() {
            return Carried.of(hidden);
        }
    }

    @Override
    public int memoryChannels() {
        return 2 * hidden;
    }

    @Override
    public CellState initialState(NDManager manager, long batch, long height, long width) {
        return new State(manager.zeros(new Shape(batch, hidden, height, width)));
    }

    @Override
    public Step step(NDArray input, CellState state, NDArray memory) {
        NDList hm = memory.split(2, 1);
        NDArray m = hm.get(1);
        NDArray z = convIn.forward(input);
        if (convTop != null) {
            z = z.add(convTop.forward(hm.get(0)));
        }
        NDList gates = z.split(4, 1);
        NDArray i = Activation.sigmoid(gates.get(0).add(m.mul(memI)));
        NDArray f = Activation.sigmoid(gates.get(1).add(m.mul(memF)));
        NDArray g = gates.get(2).tanh();
        NDArray mNext = f.mul(m).add(i.mul(g));
        NDArray o = Activation.sigmoid(gates.get(3).add(mNext.mul(memO)));
        NDArray h = o.mul(mNext.tanh());
        return new Step(new State(h), h.concat(mNext, 1));
    }
}
