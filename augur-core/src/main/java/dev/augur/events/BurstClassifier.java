package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.augur.nn.Architecture;
import dev.augur.nn.BatchNormLayer;
import dev.augur.nn.CellStack;
import dev.augur.nn.PooledClassifier;
import dev.augur.nn.RecurrentCell;
import dev.augur.nn.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000's burst forecaster on the shared core: a window of W grey frames packed as W/k steps of k frames
 * as channels (seed: 120 frames = 30 steps × 4), one ConvLSTM layer (seed: 16 filters, 3×3) → BatchNorm without
 * scale and shift → global max pool → one logit (sigmoid = probability of a burst within the horizon).
 * Departures from the Keras original, stated: 'same' padding instead of 'valid', σ instead of hard_sigmoid in
 * the recurrent gates, and a bias in the gate convolution. Beyond the seed, the recurrent layer can be any cell of
 * the shared core: PredRNN's ST-LSTM or the Eq. 3 memory-flow cell instead of the ConvLSTM.
 */
public final class BurstClassifier implements AutoCloseable {

    /**
     * @param height        frame height the model reads
     * @param width         frame width
     * @param window        frames per input window (W)
     * @param framesPerStep frames packed as channels per recurrent step (k)
     * @param hidden        ConvLSTM filters
     * @param filter        kernel size
     * @param stateful      carry the recurrent state from step to step over the whole video (trained with truncated
     *                      back-propagation on segments of {@code window} frames) instead of starting every window
     *                      from zero
     * @param cell          the recurrent layer: {@code convlstm} (the seed's), {@code predrnn} or {@code memory_flow}
     */
    public record Spec(
            int height,
            int width,
            int window,
            int framesPerStep,
            int hidden,
            int filter,
            boolean stateful,
            String cell,
            boolean layerNorm) {
        public Spec(int height, int width, int window, int framesPerStep, int hidden, int filter) {
            this(height, width, window, framesPerStep, hidden, filter, false);
        }

        public Spec(int height, int width, int window, int framesPerStep, int hidden, int filter, boolean stateful) {
            this(height, width, window, framesPerStep, hidden, filter, stateful, Architecture.CONVLSTM.id(), false);
        }

        public Spec {
            if (cell == null) {
                cell = Architecture.CONVLSTM.id(); // bundles written before the backbone was a choice
            }
            List<String> cells =
                    Architecture.cells().stream().map(Architecture::id).toList();
            if (!cells.contains(cell)) {
                throw new IllegalArgumentException("unknown cell '" + cell + "', expected one of " + cells);
            }
            if (layerNorm && !Architecture.of(cell).hasLayerNorm()) {
                // as predrnn-pytorch's --layer_norm
                throw new IllegalArgumentException(
                        "layer normalisation applies to the predrnn (ST-LSTM) backbone only");
            }
            if (height < 4 || width < 4) {
                throw new IllegalArgumentException("frames must be at least 4x4, got " + width + "x" + height);
            }
            if (framesPerStep < 1 || window < framesPerStep || window % framesPerStep != 0) {
                throw new IllegalArgumentException(
                        "window (" + window + ") must be a multiple of frames per step (" + framesPerStep + ")");
            }
            if (hidden < 1 || filter < 1 || filter % 2 == 0) {
                throw new IllegalArgumentException(
                        "hidden must be >= 1 and the filter odd, got " + hidden + ", " + filter);
            }
        }

        /** The seed's configuration: 120×160, 120 frames (4 s) as 30 steps × 4, 16 filters 3×3. */
        public static Spec seed000() {
            return new Spec(120, 160, 120, 4, 16, 3);
        }

        public int steps() {
            return window / framesPerStep;
        }

        /** How reports name the model: after its recurrent cell. */
        public String displayName() {
            return Architecture.of(cell).displayName() + (layerNorm ? " (layer norm)" : "");
        }
    }

    private final Spec spec;
    private final Weights weights;
    private final CellStack stack;
    private final BatchNormLayer norm;
    private final PooledClassifier head;

    public BurstClassifier(Spec spec, NDManager manager, long seed) {
        this.spec = spec;
        this.weights = new Weights(manager, seed);
        this.stack = new CellStack(
                List.of(RecurrentCell.of(
                        Architecture.of(spec.cell()),
                        weights,
                        0,
                        spec.framesPerStep(),
                        spec.hidden(),
                        spec.filter(),
                        false,
                        spec.layerNorm(),
                        spec.height(),
                        spec.width())),
                false);
        this.norm = new BatchNormLayer(weights, "norm", spec.hidden(), false);
        this.head = new PooledClassifier(weights, "head", spec.hidden(), 1);
    }

    public Spec spec() {
        return spec;
    }

    public Weights weights() {
        return weights;
    }

    /** Logits [B] for windows [B, W, H, Wd] of grey frames in [0, 1]. */
    public NDArray logits(NDArray windows, boolean training) {
        Shape s = windows.getShape();
        if (s.dimension() != 4 || s.get(1) != spec.window() || s.get(2) != spec.height() || s.get(3) != spec.width()) {
            throw new IllegalArgumentException("windows must be [B, " + spec.window() + ", " + spec.height() + ", "
                    + spec.width() + "], got " + s);
        }
        NDArray steps = windows.reshape(s.get(0), spec.steps(), spec.framesPerStep(), spec.height(), spec.width());
        NDArray features = norm.forward(stack.encode(steps).output(), training);
        return head.forward(features).reshape(-1);
    }

    /** Logits after every recurrent step of [B, S·k, H, W] frames, from the zero state: [B, S]. */
    public NDArray stepLogits(NDArray frames, boolean training) {
        Shape s = frames.getShape();
        long steps = s.get(1) / spec.framesPerStep();
        NDArray x = frames.reshape(s.get(0), steps, spec.framesPerStep(), spec.height(), spec.width());
        CellStack.State state = stack.initialState(frames.getManager(), s.get(0), spec.height(), spec.width());
        List<NDArray> logits = new ArrayList<>();
        for (long t = 0; t < steps; t++) {
            state = stack.step(x.get(new NDIndex(":, {}", t)), state);
            logits.add(head.forward(norm.forward(state.output(), training)).reshape(-1));
        }
        return NDArrays.stack(new NDList(logits), 1);
    }

    /** The carried state of a live stateful forecast and the logit after its last step. */
    public record Carried(CellStack.State state, float logit) {}

    /**
     * Advances a carried state by one step of k frames [1, k, H, W] (inference). The new state's arrays live in
     * {@code manager}; the caller closes the previous step's manager once the new state exists.
     */
    public Carried advance(NDArray stepFrames, CellStack.State previous, NDManager manager) {
        CellStack.State state =
                previous != null ? previous : stack.initialState(manager, 1, spec.height(), spec.width());
        CellStack.State next = stack.step(stepFrames, state);
        float logit = head.forward(norm.forward(next.output(), false)).getFloat(0, 0);
        return new Carried(next, logit);
    }

    @Override
    public void close() {
        weights.close();
    }
}
