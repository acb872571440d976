package dev.augur.nn;

/**
 * The shape of an encoder–translator–decoder network (SimVP, TAU) beyond its channel widths: {@code spatialLayers}
 * (OpenSTL's N_S) convolutions in the encoder and as many in the decoder, every second one halving (doubling) the
 * frame; {@code blocks} (N_T) translator blocks; the blocks' MLP width as a multiple of their channels.
 */
public record TranslatorLayout(int spatialLayers, int blocks, double mlpRatio) {
    /** OpenSTL's Moving MNIST settings for SimVP (gSTA) and TAU. */
    public static final TranslatorLayout OPENSTL_MMNIST = new TranslatorLayout(4, 8, 8.0);

    public TranslatorLayout {
        // OpenSTL's sampling_generator builds only 2·(N_S / 2) layers: an odd N_S would silently lose one
        if (spatialLayers < 2 || spatialLayers % 2 != 0 || spatialLayers > 16) {
            throw new IllegalArgumentException("spatial layers must be even, in [2, 16], got " + spatialLayers);
        }
        if (blocks < 2 || blocks > 64) {
            throw new IllegalArgumentException("translator blocks must be in [2, 64], got " + blocks);
        }
        if (!(mlpRatio >= 1 && mlpRatio <= 64)) {
            throw new IllegalArgumentException("MLP ratio must be in [1, 64], got " + mlpRatio);
        }
    }

    /** How much the encoder shrinks each side of the frame: 2^(N_S / 2). */
    public int downsampling() {
        return 1 << (spatialLayers / 2);
    }
}
