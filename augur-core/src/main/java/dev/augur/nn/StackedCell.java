package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** What every cell of a {@link CellStack} keeps alike: its input and hidden channel counts. */
abstract class StackedCell implements RecurrentCell {
    protected final int in;
    protected final int hidden;

    StackedCell(int in, int hidden) {
        this.in = in;
        this.hidden = hidden;
    }

    /** H and C of an LSTM-style layer (ConvLSTM, ST-LSTM); the zig-zag memory, if any, travels in the stack. */
    public record LstmState(NDArray hidden, NDArray cell) implements CellState {
        @Override
        public NDList arrays() {
            return Carried.of(hidden, cell);
        }

        static LstmState zeros(NDManager manager, long batch, long channels, long height, long width) {
            Shape s = new Shape(batch, channels, height, width);
            return new LstmState(manager.zeros(s), manager.zeros(s));
        }
    }

    /** H and C at zero: the state of the LSTM-style cells (ConvLSTM, ST-LSTM, causal LSTM); others override. */
    @Override
    public CellState initialState(NDManager manager, long batch, long height, long width) {
        return LstmState.zeros(manager, batch, hidden, height, width);
    }

    @Override
    public final int inputChannels() {
        return in;
    }

    @Override
    public final int hiddenChannels() {
        return hidden;
    }
}
