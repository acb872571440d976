package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** A network that predicts future frames of [B, T, C, H, W] clips, pixels in [0, 1]. */
public interface FramePredictor extends AutoCloseable {
    ModelSpec spec();

    Weights weights();

    /**
     * Predictions of frames {@link #firstTarget()} … T−1 of {@code clip} ([B, T−firstTarget(), C, H, W]), reading
     * the first J frames and then either the true frame or its own prediction as {@code trueMask} ([B, T−J−1],
     * null = autoregressive) says.
     */
    NDArray forward(NDArray clip, NDArray trueMask);

    /**
     * The first frame of a clip that {@link #forward}'s output predicts: 1 for the recurrent and convolution models
     * (predrnn-pytorch's loss covers frames 1 … T−1, inputs included), J for SimVP and TAU, which predict only
     * frames J … T−1 (and take no scheduled-sampling mask).
     */
    default int firstTarget() {
        return 1;
    }

    /**
     * The next {@code future} frames [B, future, C, H, W] after a context of at least J frames [B, J', C, H, W],
     * autoregressively, as {@link #forward} with a null mask would give them; made to run without gradients
     * (testing, forecasting), with memory bounded by one step's intermediates.
     */
    NDArray predict(NDArray context, int future);

    /** Sequences a prediction call should hold at once: the evaluators split larger sets into batches of this. */
    default int inferenceBatch() {
        return 100;
    }

    /** The last J frames of {@code context}, checked. */
    static NDArray lastFrames(NDArray context, int j) {
        Shape s = context.getShape();
        if (s.dimension() != 5 || s.get(1) < j) {
            throw new IllegalArgumentException("context must be [B, >=" + j + ", C, H, W], got " + s);
        }
        return context.get(new NDIndex(":, {}:", s.get(1) - j));
    }

    /** Builds the network {@code spec} describes, its weights drawn from {@code seed}. */
    static FramePredictor create(ModelSpec spec, NDManager manager, long seed) {
        return switch (spec.kind()) {
            case CONVLSTM, PREDRNN, PREDRNN_PLUS, MEMORY_FLOW -> new RecurrentFramePredictor(spec, manager, seed);
            case E3D_LSTM, E3D_LSTM_2D -> new EideticFramePredictor(spec, manager, seed);
            case CONV -> new ConvFramePredictor(spec, manager, seed);
            case SIMVP, TAU -> new SimVpFramePredictor(spec, manager, seed);
            default -> throw new IllegalArgumentException("unknown architecture " + spec.architecture());
        };
    }

    @Override
    default void close() {
        weights().close();
    }
}
