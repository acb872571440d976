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
 * @param translator   the encoder–translator–decoder layout of SimVP and TAU (null for every other architecture,
 *                     whose {@code hidden} are their layers' widths; for these two {@code hidden} is [encoder
 *                     channels, translator channels])
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
        int inputLength,
        TranslatorLayout translator) {
    /** A spec of every architecture but the encoder–translator–decoder ones. */
    public ModelSpec(
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
        this(
                architecture,
                channels,
                height,
                width,
                patch,
                hidden,
                filter,
                peephole,
                residual,
                layerNorm,
                inputLength,
                null);
    }

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
        if (kind.usesTranslator()) {
            require(translator != null, architecture + " needs its translator layout (spatial layers, blocks)");
            require(
                    hidden.size() == 2,
                    architecture + " takes two widths, encoder and translator channels, got " + hidden);
            require(
                    hidden.get(0) % 2 == 0,
                    "the encoder width must be even (two normalisation groups), got " + hidden.get(0));
            require(!residual, "residual links exist only between stacked recurrent layers");
            int shrink = translator.downsampling();
            require(
                    height % (patch * shrink) == 0 && width % (patch * shrink) == 0,
                    "frames of " + height + "x" + width + " must divide by patch size " + patch + " times the " + shrink
                            + " of the encoder's " + translator.spatialLayers() + " layers");
        } else {
            require(translator == null, "a translator layout belongs to simvp and tau only, not " + architecture);
        }
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
