package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The E3D-LSTM cell (Wang et al., ICLR 2019, Eq. 2–4; google/e3d_lstm {@code EideticLSTMCell}) on tensors
 * [B, C, τ, H, W]: every state covers a window of τ frames and every convolution is 3D (kernel τ×k×k, TF 'same'
 * padding). Pre-activations of H (i, g, r, o), X (i, g, r, o, i′, g′, f′) and the zig-zag memory M (i, f, g, m)
 * are layer-normalised when asked; then
 * <pre>
 * i = σ(i_x+i_h)   r = σ(r_x+r_h)   g = tanh(g_x+g_h)
 * C  = LN(C_{t−1} + softmax(r·Cₕᵀ)·Cₕ) + i⊙g            (eidetic recall over the cell history Cₕ = [0, C_0 … C_{t−1}])
 * M′ = σ(f′_x+f_m+1)⊙tanh(m_m) + σ(i′_x+i_m)⊙tanh(g′_x+g_m)
 * O  = tanh(o_x + o_h + W_c*C + W_m*M′)                  H = tanh(W_{1×1×1}*[C, M′])⊙σ(O)
 * </pre>
 * The recall is dot-product attention without scaling or projections: queries are r's positions (τ·H·W of them,
 * n channels each), keys and values the history's. Unlike the official code, which hands the incoming M back
 * unchanged (its known bug), this cell returns M′, as the paper says.
 */
public final class EideticLstmCell extends StackedCell {
    public static final int WINDOW = 2;
    private static final float FORGET_BIAS = 1f;
    private final int window;
    private final Conv3dLayer convH;
    private final Conv3dLayer convX;
    private final Conv3dLayer convM;
    private final Conv3dLayer convCellOut;
    private final Conv3dLayer convMemoryOut;
    private final Conv3dLayer convLast;
    private final ChannelLayerNorm normH;
    private final ChannelLayerNorm normX;
    private final ChannelLayerNorm normM;
    private final ChannelLayerNorm normRecall;

    /**
     * @param window τ, the frames a state covers: 2 for the E3D-LSTM, 1 for its 2D variant (e3d_lstm's
     *               {@code Eidetic2DLSTMCell}: 2D convolutions, no temporal window; seed 002's 2D-vs-3D study)
     */
    public EideticLstmCell(
            Weights weights, String name, int in, int hidden, int filter, boolean layerNorm, int window) {
        super(in, hidden);
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        this.window = window;
        this.convH = new Conv3dLayer(weights, name + ".conv_h", hidden, 4 * hidden, window, filter, 1, true);
        this.convX = new Conv3dLayer(weights, name + ".conv_x", in, 7 * hidden, window, filter, 1, true);
        this.convM = new Conv3dLayer(weights, name + ".conv_m", hidden, 4 * hidden, window, filter, 1, true);
        this.convCellOut = new Conv3dLayer(weights, name + ".conv_oc", hidden, hidden, window, filter, 1, true);
        this.convMemoryOut = new Conv3dLayer(weights, name + ".conv_om", hidden, hidden, window, filter, 1, true);
        this.convLast = new Conv3dLayer(weights, name + ".conv_last", 2 * hidden, hidden, 1, 1, 1, true);
        this.normH = layerNorm ? new ChannelLayerNorm(weights, name + ".norm_h", 4 * hidden, 5) : null;
        this.normX = layerNorm ? new ChannelLayerNorm(weights, name + ".norm_x", 7 * hidden, 5) : null;
        this.normM = layerNorm ? new ChannelLayerNorm(weights, name + ".norm_m", 4 * hidden, 5) : null;
        this.normRecall = new ChannelLayerNorm(weights, name + ".norm_recall", hidden, 5);
    }

    /** H and C of the current window, and the history of cell states the recall reads (null before step 1). */
    public record State(NDArray hidden, NDArray cell, NDArray history) implements CellState {
        @Override
        public NDList arrays() {
            return Carried.of(hidden, cell, history);
        }
    }

    @Override
    public int memoryChannels() {
        return hidden;
    }

    @Override
    public CellState initialState(NDManager manager, long batch, long height, long width) {
        Shape s = new Shape(batch, hidden, window, height, width);
        return new State(manager.zeros(s), manager.zeros(s), null);
    }

    @Override
    public NDArray initialMemory(NDManager manager, long batch, long height, long width) {
        return manager.zeros(new Shape(batch, hidden, window, height, width));
    }

    @Override
    public Step step(NDArray input, CellState state, NDArray memory) {
        State st = (State) state;
        NDArray history = st.history() == null ? st.cell() : st.history().concat(st.cell(), 2);
        NDList h = norm(normH, convH.forward(st.hidden())).split(4, 1);
        NDList x = norm(normX, convX.forward(input)).split(7, 1);
        NDArray i = Activation.sigmoid(x.get(0).add(h.get(0)));
        NDArray g = x.get(1).add(h.get(1)).tanh();
        NDArray r = Activation.sigmoid(x.get(2).add(h.get(2)));
        NDArray c = normRecall.forward(st.cell().add(recall(r, history))).add(i.mul(g));
        NDList m = norm(normM, convM.forward(memory)).split(4, 1);
        NDArray iPrime = Activation.sigmoid(x.get(4).add(m.get(0)));
        NDArray fPrime = Activation.sigmoid(x.get(6).add(m.get(1)).add(FORGET_BIAS));
        NDArray gPrime = x.get(5).add(m.get(2)).tanh();
        NDArray mNext = fPrime.mul(m.get(3).tanh()).add(iPrime.mul(gPrime));
        NDArray o = x.get(3)
                .add(h.get(3))
                .add(convCellOut.forward(c))
                .add(convMemoryOut.forward(mNext))
                .tanh();
        NDArray hNext = convLast.forward(c.concat(mNext, 1)).tanh().mul(Activation.sigmoid(o));
        return new Step(new State(hNext, c, history), mNext);
    }

    private static NDArray norm(ChannelLayerNorm norm, NDArray x) {
        return norm == null ? x : norm.forward(x);
    }

    /** softmax(Q·Kᵀ)·K over positions: Q from [B, n, τ, H, W], K = V from [B, n, τ·k, H, W]. */
    static NDArray recall(NDArray query, NDArray history) {
        Shape q = query.getShape();
        NDArray keys = positions(history);
        NDArray weights = attention(positions(query), keys);
        NDArray recalled = weights.matMul(keys);
        // The weights are the largest arrays of the whole network ([B, τHW, τHW(t+1)] per layer and step): drop
        // our handle now; autograd keeps its own reference when training needs them.
        weights.close();
        return recalled.reshape(q.get(0), q.get(2), q.get(3), q.get(4), q.get(1))
                .transpose(0, 4, 1, 2, 3);
    }

    /** The attention of every query position over every history position: [B, τ·H·W, τ·k·H·W], rows sum to 1. */
    static NDArray recallWeights(NDArray query, NDArray history) {
        return attention(positions(query), positions(history));
    }

    private static NDArray attention(NDArray queries, NDArray keys) {
        try (NDArray scores = queries.matMul(keys.transpose(0, 2, 1))) {
            return scores.softmax(2);
        }
    }

    /** [B, n, T, H, W] as T·H·W positions of n channels: [B, T·H·W, n]. */
    private static NDArray positions(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 3, 4, 1).reshape(s.get(0), -1, s.get(1));
    }
}
