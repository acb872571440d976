package dev.augur.nn;

import java.util.List;

/**
 * Everything needed to rebuild a frame predictor: architecture, frame geometry and layer sizes. Validated
 * here, where it is built, so a bad bundle or flag fails before any tensor is allocated.
 *
 * @param architecture an {@link Architecture}'s id, as users type it and bundles keep it
 * @param hidden       channels per recurrent layer or per convolution (conv)
 * @param layerNorm    layer normalisation after the gate convolutions of an ST-LSTM or E3D-LSTM (--layer_norm)
 * @param inputLength  J, the frames read before predicting (the conv baseline reads 1)
 */
public record ModelSpec(
        String architecture,
        int channels,
        int height,
        int width,
        int patch,
        List<Integer> hidden,
        int filter,
        boolean peephole,
        boolean residual,
        boolean layerNorm,
        int inputLength) {
    public ModelSpec {
        Architecture kind = Architecture.of(architecture);
        require(channels >= 1, "channels must be >= 1, got " + channels);
        require(patch >= 1, "patch size must be >= 1, got " + patch);
        require(
                height >= patch && height % patch == 0,
                "height " + height + " must be a multiple of patch size " + patch);
        require(width >= patch && width % patch == 0, "width " + width + " must be a multiple of patch size " + patch);
        require(hidden != null && !hidden.isEmpty(), "at least one hidden layer is needed");
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            require(h >= 1, "hidden sizes must be >= 1, got " + hidden);
        }
        require(filter >= 1 && filter % 2 == 1, "filter size must be odd and >= 1, got " + filter);
        require(inputLength >= 1, "input length must be >= 1, got " + inputLength);
        require(!peephole || kind.hasPeepholes(), "peepholes exist only in ConvLSTM cells");
        require(
                !layerNorm || kind.hasLayerNorm(),
                "layer normalisation exists only in ST-LSTM (predrnn), causal LSTM (predrnn_plus) and E3D-LSTM cells");
        require(
                kind != Architecture.PREDRNN_PLUS || hidden.size() >= 2,
                "PredRNN++ needs at least two layers (its gradient highway sits between the first two), got " + hidden);
        require(
                !kind.hasZigZagMemory() || hidden.stream().distinct().count() == 1,
                architecture + " passes one memory through every layer, so all layers need the same size, got "
                        + hidden);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The architecture's entry in the registry. */
    public Architecture kind() {
        return Architecture.of(architecture);
    }

    /** True for the stacks whose memory zig-zags through the layers (PredRNN, its Eq. 3 ablation, E3D-LSTM). */
    public boolean hasZigZagMemory() {
        return kind().hasZigZagMemory();
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
