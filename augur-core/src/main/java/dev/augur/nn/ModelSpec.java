package dev.augur.nn;

import java.util.List;

/**
 * Everything needed to rebuild a frame predictor: architecture, frame geometry and layer sizes. Validated
 * here, where it is built, so a bad bundle or flag fails before any tensor is allocated.
 *
 * @param architecture {@code convlstm} (stacked ConvLSTM), {@code predrnn} (stacked ST-LSTM, PredRNN Eq. 4),
 *                     {@code memory_flow} (the PredRNN paper's Eq. 3 ablation: ConvLSTM with spatiotemporal memory
 *                     flow only), {@code e3d_lstm} (Eidetic 3D LSTM, τ = 2), {@code e3d_lstm_2d} (its 2D
 *                     variant, τ = 1) or {@code conv} (seed 001's straight-convolution baseline)
 * @param hidden       channels per recurrent layer or per convolution (conv)
 * @param layerNorm    layer normalisation after the gate convolutions of an ST-LSTM or E3D-LSTM (--layer_norm)
 * @param inputLength  J, the frames read before predicting (the conv baseline reads 1)
 */
public record ModelSpec(String architecture, int channels, int height, int width, int patch, List<Integer> hidden,
                        int filter, boolean peephole, boolean residual, boolean layerNorm, int inputLength) {
    public static final List<String> ARCHITECTURES = List.of("convlstm", "predrnn", "memory_flow", "e3d_lstm", "e3d_lstm_2d", "conv");

    public ModelSpec {
        if (!ARCHITECTURES.contains(architecture)) {
            throw new IllegalArgumentException("unknown architecture '" + architecture + "', expected one of " + ARCHITECTURES);
        }
        require(channels >= 1, "channels must be >= 1, got " + channels);
        require(patch >= 1, "patch size must be >= 1, got " + patch);
        require(height >= patch && height % patch == 0, "height " + height + " must be a multiple of patch size " + patch);
        require(width >= patch && width % patch == 0, "width " + width + " must be a multiple of patch size " + patch);
        require(hidden != null && !hidden.isEmpty(), "at least one hidden layer is needed");
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            require(h >= 1, "hidden sizes must be >= 1, got " + hidden);
        }
        require(filter >= 1 && filter % 2 == 1, "filter size must be odd and >= 1, got " + filter);
        require(inputLength >= 1, "input length must be >= 1, got " + inputLength);
        require(!peephole || architecture.equals("convlstm"), "peepholes exist only in ConvLSTM cells");
        require(!layerNorm || architecture.equals("predrnn") || architecture.startsWith("e3d_lstm"),
                "layer normalisation exists only in ST-LSTM (predrnn) and E3D-LSTM cells");
        require(!zigZag(architecture) || hidden.stream().distinct().count() == 1,
                architecture + " passes one memory through every layer, so all layers need the same size, got " + hidden);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** True for the stacks whose memory zig-zags through the layers (PredRNN and its Eq. 3 ablation). */
    public boolean hasZigZagMemory() {
        return zigZag(architecture);
    }

    private static boolean zigZag(String architecture) {
        return architecture.equals("predrnn") || architecture.equals("memory_flow") || architecture.startsWith("e3d_lstm");
    }

    public int patchChannels() {
        return channels * patch * patch;
    }

    public int patchHeight() {
        return height / patch;
    }

    public int patchWidth() {
        return width / patch;
    }
}
