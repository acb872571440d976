package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One layer of a {@link CellStack}. Inputs and hidden states are [B, C, H, W]. Cells with a spatiotemporal
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

    Step step(NDArray input, CellState state, NDArray memory);

    /** The state after one step and the memory passed on (null for cells without one). */
    record Step(CellState state, NDArray memory) {}
}
