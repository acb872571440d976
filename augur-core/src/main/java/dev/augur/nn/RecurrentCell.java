package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One layer of a {@link CellStack}. Inputs and hidden states are [B, C, H, W] ([B, C, τ, H, W] for the E3D-LSTM,
 * whose states cover a window of τ frames). Cells with a spatiotemporal
 * memory (PredRNN's M) receive it and return the updated one; the stack owns its zig-zag path through layers
 * and time. Cells without one receive and return {@code null}.
 */
public interface RecurrentCell {
    int inputChannels();

    int hiddenChannels();

    /** Channels of the zig-zag memory the cell reads and writes; 0 for cells without one. */
    default int memoryChannels() {
        return 0;
    }

    /** The all-zero state at t = 0 for a batch of {@code batch} inputs of {@code height}×{@code width}. */
    CellState initialState(NDManager manager, long batch, long height, long width);

    /** The zig-zag memory at t = 0 (all zero), or null for cells without one. */
    default NDArray initialMemory(NDManager manager, long batch, long height, long width) {
        return memoryChannels() > 0 ? manager.zeros(new Shape(batch, memoryChannels(), height, width)) : null;
    }

    Step step(NDArray input, CellState state, NDArray memory);

    /** The state after one step and the memory passed on (null for cells without one). */
    record Step(CellState state, NDArray memory) {}

    /**
     * Layer {@code layer} of a stack of {@code kind} cells: ConvLSTM, PredRNN's ST-LSTM, the Eq. 3 memory-flow cell
     * (whose bottom layer also reads the top layer's previous output), PredRNN++'s causal LSTM (whose second layer
     * reads through the gradient highway unit) or the eidetic 3D LSTM over its window.
     * Peepholes apply to ConvLSTM, layer normalisation to the ST-LSTM and the E3D-LSTM.
     */
    static RecurrentCell of(
            Architecture kind,
            Weights weights,
            int layer,
            int in,
            int hidden,
            int filter,
            boolean peephole,
            boolean layerNorm,
            int height,
            int width) {
        String name = "stack." + layer;
        return switch (kind) {
            case CONVLSTM -> new ConvLstmCell(weights, name, in, hidden, filter, peephole, height, width);
            case PREDRNN -> new SpatioTemporalLstmCell(weights, name, in, hidden, filter, layerNorm, height, width);
            case PREDRNN_PLUS ->
                layer == 1
                        ? new HighwayCausalLstmCell(weights, name, in, hidden, filter, layerNorm, height, width)
                        : new CausalLstmCell(weights, name, in, hidden, filter, layerNorm, height, width);
            case MEMORY_FLOW -> new MemoryFlowLstmCell(weights, name, in, hidden, filter, layer == 0, height, width);
            case E3D_LSTM, E3D_LSTM_2D ->
                new EideticLstmCell(weights, name, in, hidden, filter, layerNorm, kind.window());
            case CONV, SIMVP, TAU -> throw new IllegalArgumentException(kind.id() + " has no recurrent cell");
        };
    }
}
