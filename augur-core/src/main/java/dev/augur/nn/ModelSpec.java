package dev.augur.nn;

import java.util.List;

/**
 * Everything needed to rebuild a frame predictor: architecture, frame geometry and layer sizes. Validated
 * here, where it is built, so a bad bundle or flag fails before any tensor is allocated.
 *
 * @param architecture {@code convlstm} (stacked ConvLSTM) or {@code conv} (seed 001's straight-convolution baseline)
 * @param hidden       channels per recurrent layer (convlstm) or per convolution (conv)
 * @param inputLength  J, the frames read before predicting (the conv baseline reads 1)
 */
public record ModelSpec(String architecture, int channels, int height, int width, int patch, List<Integer> hidden,
                        int filter, boolean peephole, boolean residual, int inputLength) {
    public static final List<String> ARCHITECTURES = List.of("convlstm", "conv");

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
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
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
