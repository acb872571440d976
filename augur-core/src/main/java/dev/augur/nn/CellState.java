package dev.augur.nn;

import ai.djl.ndarray.NDArray;

/**
 * What one recurrent layer carries from step to step. Each cell defines its own (ConvLSTM: h and c; E3D-LSTM
 * adds its input window and cell history); the stack only ever reads the hidden output.
 */
public interface CellState extends Carried {
    NDArray hidden();
}
