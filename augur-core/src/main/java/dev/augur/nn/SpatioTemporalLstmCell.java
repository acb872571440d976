package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * The spatiotemporal LSTM of PredRNN (Wang et al. 2017, Eq. 4), as predrnn-pytorch builds it: three bias-free
 * convolutions, of X (7 pre-activations i, f, g, i′, f′, g′, o), of H_{t−1} (i, f, g, o) and of the zig-zag memory
 * M (i′, f′, g′), each optionally layer-normalised; a forget bias of 1 on both forget gates;
 * <pre>
 * C = σ(f_x+f_h+1)⊙C_{t−1} + σ(i_x+i_h)⊙tanh(g_x+g_h)
 * M = σ(f′_x+f_m+1)⊙M^{l−1} + σ(i′_x+i_m)⊙tanh(g′_x+g_m)
 * o = σ(o_x + o_h + W_o*[C, M])          H = o⊙tanh(W_{1×1}*[C, M])
 * </pre>
 * The memory M is received from the layer below (or the top layer at t−1) and returned for the next.
 */
public final class SpatioTemporalLstmCell extends StackedCell {
    private static final float FORGET_BIAS = 1f;
    private final NormedConv convX;
    private final NormedConv convH;
    private final NormedConv convM;
    private final NormedConv convO;
    private final Conv2dLayer convLast;

    public SpatioTemporalLstmCell(
            Weights weights, String name, int in, int hidden, int filter, boolean layerNorm, int height, int width) {
        super(in, hidden);
        this.convX = new NormedConv(weights, name + ".conv_x", in, 7 * hidden, filter, false, layerNorm, height, width);
        this.convH =
                new NormedConv(weights, name + ".conv_h", hidden, 4 * hidden, filter, false, layerNorm, height, width);
        this.convM =
                new NormedConv(weights, name + ".conv_m", hidden, 3 * hidden, filter, false, layerNorm, height, width);
        this.convO =
                new NormedConv(weights, name + ".conv_o", 2 * hidden, hidden, filter, false, layerNorm, height, width);
        this.convLast = new Conv2dLayer(weights, name + ".conv_last", 2 * hidden, hidden, 1, 1, false);
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
        NDList m = convM.forward(memory).split(3, 1);
        NDArray i = Activation.sigmoid(x.get(0).add(h.get(0)));
        NDArray f = Activation.sigmoid(x.get(1).add(h.get(1)).add(FORGET_BIAS));
        NDArray g = x.get(2).add(h.get(2)).tanh();
        NDArray c = f.mul(st.cell()).add(i.mul(g));
        NDArray iPrime = Activation.sigmoid(x.get(3).add(m.get(0)));
        NDArray fPrime = Activation.sigmoid(x.get(4).add(m.get(1)).add(FORGET_BIAS));
        NDArray gPrime = x.get(5).add(m.get(2)).tanh();
        NDArray mNext = fPrime.mul(memory).add(iPrime.mul(gPrime));
        NDArray both = c.concat(mNext, 1);
        NDArray o = Activation.sigmoid(x.get(6).add(h.get(3)).add(convO.forward(both)));
        NDArray hNext = o.mul(convLast.forward(both).tanh());
        return new Step(new LstmState(hNext, c), mNext);
    }
}
