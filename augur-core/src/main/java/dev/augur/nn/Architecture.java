package dev.augur.nn;

import java.util.Arrays;
import java.util.List;

/**
 * The one registry of network architectures: the names users type (and bundles keep on disk), how reports name
 * them, and the rules that come with each — which cell a stack is built of, whether its memory zig-zags through
 * the layers, whether peepholes or layer normalisation exist in it.
 */
public enum Architecture {
    /** Stacked ConvLSTM (Shi et al. 2015; PredRNN paper Eq. 2). */
    CONVLSTM("convlstm", "ConvLSTM", Family.RECURRENT, true, false, false, 0),
    /** PredRNN's ST-LSTM (Eq. 4), its memory M zig-zagging through the layers. */
    PREDRNN("predrnn", "ST-LSTM", Family.RECURRENT, false, true, true, 0),
    /** PredRNN++ (Wang et al. 2018): causal LSTMs, memory zig-zagging, a gradient highway after the first layer. */
    PREDRNN_PLUS("predrnn_plus", "PredRNN++ (causal LSTM)", Family.RECURRENT, false, true, true, 0),
    /** The PredRNN paper's Eq. 3 ablation: ConvLSTM with spatiotemporal memory flow only. */
    MEMORY_FLOW("memory_flow", "memory-flow LSTM", Family.RECURRENT, false, false, true, 0),
    /** Eidetic 3D LSTM (Wang et al. 2019): states over a window of τ = 2 frames, recall attention. */
    E3D_LSTM("e3d_lstm", "E3D-LSTM", Family.RECURRENT, false, true, true, EideticLstmCell.WINDOW),
    /** Its 2D-convolution cell (τ = 1), seed 002's 2D-vs-3D study. */
    E3D_LSTM_2D("e3d_lstm_2d", "E3D-LSTM (2D)", Family.RECURRENT, false, true, true, 1),
    /** Seed 001's straight-convolution baseline: no recurrence. */
    CONV("conv", "convolutions", Family.CONVOLUTIONAL, false, false, false, 0),
    /** SimVP with gated spatiotemporal attention blocks (gSTA; Tan et al. 2022, OpenSTL's SimVP default). */
    SIMVP("simvp", "SimVP (gSTA)", Family.TRANSLATOR, false, false, false, 0),
    /** TAU, the temporal attention unit (Tan et al. 2023): SimVP's layout with TAU's blocks. */
    TAU("tau", "TAU", Family.TRANSLATOR, false, false, false, 0);

    /**
     * Recurrent stacks of one cell kind, plain convolutions, or an encoder–translator–decoder that predicts all
     * future frames in one pass (SimVP, TAU).
     */
    public enum Family {
        RECURRENT,
        CONVOLUTIONAL,
        TRANSLATOR
    }

    private final String id;
    private final String displayName;
    private final Family family;
    private final boolean peepholes;
    private final boolean layerNorm;
    private final boolean zigZag;
    private final int window;

    Architecture(
            String id,
            String displayName,
            Family family,
            boolean peepholes,
            boolean layerNorm,
            boolean zigZag,
            int window) {
        this.id = id;
        this.displayName = displayName;
        this.family = family;
        this.peepholes = peepholes;
        this.layerNorm = layerNorm;
        this.zigZag = zigZag;
        this.window = window;
    }

    /** The name users type and bundles store. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public boolean isRecurrent() {
        return family == Family.RECURRENT;
    }

    /** Whether the network reads a single frame (the convolution baseline) rather than J. */
    public boolean readsOneFrame() {
        return family == Family.CONVOLUTIONAL;
    }

    /** Whether the network is an encoder–translator–decoder (SimVP, TAU), shaped by a {@link TranslatorLayout}. */
    public boolean usesTranslator() {
        return family == Family.TRANSLATOR;
    }

    /** Whether the cell has peephole connections to choose (ConvLSTM only). */
    public boolean hasPeepholes() {
        return peepholes;
    }

    /** Whether the cell can normalise its gate convolutions (predrnn-pytorch's and e3d_lstm's --layer_norm). */
    public boolean hasLayerNorm() {
        return layerNorm;
    }

    /** Whether one memory passes through every layer (so all layers need the same size). */
    public boolean hasZigZagMemory() {
        return zigZag;
    }

    /** Whether the cell is the eidetic 3D LSTM (either window). */
    public boolean isEidetic() {
        return window > 0;
    }

    /** τ, the frames an eidetic cell's states cover (0 for the others). */
    public int window() {
        return window;
    }

    /** Every name users may type. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Architecture::id).toList();
    }

    /** The architectures whose cell can be the recurrent layer of another network (the burst forecaster). */
    public static List<Architecture> cells() {
        return List.of(CONVLSTM, PREDRNN, MEMORY_FLOW);
    }

    /** The architecture named {@code id}; an unknown name is an error that lists the known ones. */
    public static Architecture of(String id) {
        for (Architecture a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "', expected one of " + ids());
    }
}
