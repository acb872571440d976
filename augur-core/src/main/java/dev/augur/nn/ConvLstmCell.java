package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * ConvLSTM (Shi et al. 2015, Eq. 3; PredRNN paper Eq. 2). One convolution over [X_t, H_{t-1}] gives the
 * pre-activations of the gates i, f, g, o (in that order); optional peepholes are per-location Hadamard
 * weights on the cell state:
 * <pre>
 * i = σ(W_xi*X + W_hi*H + W_ci⊙C_{t-1} + b_i)      f = σ(W_xf*X + W_hf*H + W_cf⊙C_{t-1} + b_f)
 * C_t = f⊙C_{t-1} + i⊙tanh(W_xg*X + W_hg*H + b_g)
 * o = σ(W_xo*X + W_ho*H + W_co⊙C_t + b_o)           H_t = o⊙tanh(C_t)
 * </pre>
 */
public final class ConvLstmCell extends StackedCell {
    private final Conv2dLayer gates;
    private final NDArray peepI;
    private final NDArray peepF;
    private final NDArray peepO;

    public ConvLstmCell(
            Weights weights, String name, int in, int hidden, int filter, boolean peephole, int height, int width) {
        super(in, hidden);
        this.gates = new Conv2dLayer(weights, name + ".conv", in + hidden, 4 * hidden, filter, 1, true);
        if (peephole) {
            Shape s = new Shape(hidden, height, width);
            this.peepI = weights.constant(name + ".peephole_i", s, 0f);
            this.peepF = weights.constant(name + ".peephole_f", s, 0f);
            this.peepO = weights.constant(name + ".peephole_o", s, 0f);
        } else {
            this.peepI = null;
            this.peepF = null;
            this.peepO = null;
        }
    }

    @Override
    public Step step(NDArray input, CellState state, NDArray memory) {
        LstmState st = (LstmState) state;
        NDList split = gates.forward(input.concat(st.hidden(), 1)).split(4, 1);
        NDArray i = split.get(0);
        NDArray f = split.get(1);
        NDArray g = split.get(2).tanh();
        NDArray o = split.get(3);
        NDArray c = st.cell();
        if (peepI != null) {
            i = i.add(c.mul(peepI));
            f = f.add(c.mul(peepF));
        }
        NDArray cNext = Activation.sigmoid(f).mul(c).add(Activation.sigmoid(i).mul(g));
        if (peepO != null) {
            o = o.add(cNext.mul(peepO));
        }
        NDArray hNext = Activation.sigmoid(o).mul(cNext.tanh());
        return new Step(new LstmState(hNext, cNext), null);
    }
}
