package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * The causal LSTM of PredRNN++ (Wang et al. 2018, Eq. 1), as OpenSTL's {@code CausalLSTMCell} computes it: the
 * temporal memory C is updated first and the spatiotemporal memory M is then computed from the new C, in cascade,
 * so that one step of the cell is twice as deep as an ST-LSTM's. Bias-free convolutions (each optionally
 * layer-normalised), a forget bias of 1 on both forget gates:
 * <pre>
 * C = σ(f_x+f_h+f_c+1)⊙C_{t−1} + σ(i_x+i_h+i_c)⊙tanh(g_x+g_h+g_c)          [i_c, f_c, g_c] = W_c*C_{t−1}
 * [i′_c, g′_c, f′_c, o_c] = W_{c2m}*C
 * M = σ(f′_x+f_m+f′_c+1)⊙tanh(W_m*M^{l−1})_3 + σ(i′_x+i_m+i′_c)⊙tanh(g′_x+g′_c)
 * o = tanh(o_x + o_h + o_c + W_{om}*M)        H = o⊙tanh(W_{1×1}*[C, M])
 * </pre>
 * The output gate is a tanh, not a sigmoid, as in the paper's and OpenSTL's code. OpenSTL's cell also builds a
 * {@code conv_o} that its forward pass never uses; it is not created here.
 */
public final class CausalLstmCell extends StackedCell {
    private static final float FORGET_BIAS = 1f;
    private final NormedConv convX;
    private final NormedConv convH;
    private final NormedConv convC;
    private final NormedConv convM;
    private final NormedConv convC2m;
    private final NormedConv convOm;
    private final Conv2dLayer convLast;

    public CausalLstmCell(
            Weights weights, String name, int in, int hidden, int filter, boolean layerNorm, int height, int width) {
        super(in, hidden);
        this.convX = conv(weights, name + ".conv_x", in, 7 * hidden, filter, layerNorm, height, width);
        this.convH = conv(weights, name + ".conv_h", hidden, 4 * hidden, filter, layerNorm, height, width);
        this.convC = conv(weights, name + ".conv_c", hidden, 3 * hidden, filter, layerNorm, height, width);
        this.convM = conv(weights, name + ".conv_m", hidden, 3 * hidden, filter, layerNorm, height, width);
        this.convC2m = conv(weights, name + ".conv_c2m", hidden, 4 * hidden, filter, layerNorm, height, width);
        this.convOm = conv(weights, name + ".conv_om", hidden, hidden, filter, layerNorm, height, width);
        this.convLast = new Conv2dLayer(weights, name + ".conv_last", 2 * hidden, hidden, 1, 1, false);
    }

    private static NormedConv conv(
            Weights weights, String name, int in, int out, int filter, boolean layerNorm, int height, int width) {
        return new NormedConv(weights, name, in, out, filter, false, layerNorm, height, width);
    }

    @Override
    public int memoryChannels() {
        return hidden;
    }

    @Override
    public Step step(NDArray input, CellState state, NDArray memory) {
        LstmState st = (LstmState) state;
        NDList x = convX.forward(input).split(7, 1);
        NDList h = convH.forward(st.hidden()).split(4, 1);
        NDList c = convC.forward(st.cell()).split(3, 1);
        NDList m = convM.forward(memory).split(3, 1);
        NDArray i = Activation.sigmoid(x.get(0).add(h.get(0)).add(c.get(0)));
        NDArray f = Activation.sigmoid(x.get(1).add(h.get(1)).add(c.get(1)).add(FORGET_BIAS));
        NDArray g = x.get(2).add(h.get(2)).add(c.get(2)).tanh();
        NDArray cNext = f.mul(st.cell()).add(i.mul(g));
        NDList c2m = convC2m.forward(cNext).split(4, 1); // i′_c, g′_c, f′_c, o_c
        NDArray iPrime = Activation.sigmoid(x.get(3).add(m.get(0)).add(c2m.get(0)));
        NDArray fPrime =
                Activation.sigmoid(x.get(4).add(m.get(1)).add(c2m.get(2)).add(FORGET_BIAS));
        NDArray gPrime = x.get(5).add(c2m.get(1)).tanh();
        NDArray mNext = fPrime.mul(m.get(2).tanh()).add(iPrime.mul(gPrime));
        NDArray o = x.get(6)
                .add(h.get(3))
                .add(c2m.get(3))
                .add(convOm.forward(mNext))
                .tanh();
        NDArray hNext = o.mul(convLast.forward(cNext.concat(mNext, 1)).tanh());
        return new Step(new LstmState(hNext, cNext), mNext);
    }
}
