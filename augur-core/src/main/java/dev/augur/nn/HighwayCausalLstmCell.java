package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The second layer of PredRNN++ (Wang et al. 2018, Fig. 3): the gradient highway unit reads the first layer's
 * output and its own state Z, and the causal LSTM of this layer reads Z instead of that output. Keeping the unit
 * inside this layer's state lets the one {@link CellStack} run PredRNN++ like any other stack.
 */
final class HighwayCausalLstmCell implements RecurrentCell {
    private final GradientHighwayUnit highway;
    private final CausalLstmCell cell;

    /** The causal LSTM's state and the highway's Z. */
    record State(CellState cell, NDArray highway) implements CellState {
        @Override
        public NDArray hidden() {
            return cell.hidden();
        }

        @Override
        public NDList arrays() {
            NDList all = cell.arrays();
            all.add(highway);
            return all;
        }
    }

    HighwayCausalLstmCell(
            Weights weights, String name, int in, int hidden, int filter, boolean layerNorm, int height, int width) {
        if (in != hidden) {
            throw new IllegalArgumentException("PredRNN++'s highway passes the first layer's " + in
                    + " channels to the second layer, which has " + hidden + ": give both layers the same size");
        }
        this.highway = new GradientHighwayUnit(weights, name + ".highway", hidden, filter, layerNorm, height, width);
        this.cell = new CausalLstmCell(weights, name, hidden, hidden, filter, layerNorm, height, width);
    }

    @Override
    public int inputChannels() {
        return cell.inputChannels();
    }

    @Override
    public int hiddenChannels() {
        return cell.hiddenChannels();
    }

    @Override
    public int memoryChannels() {
        return cell.memoryChannels();
    }

    @Override
    public CellState initialState(NDManager manager, long batch, long height, long width) {
        return new State(
                cell.initialState(manager, batch, height, width), highway.initialState(manager, batch, height, width));
    }

    @Override
    public Step step(NDArray input, CellState state, NDArray memory) {
        State s = (State) state;
        NDArray z = highway.step(input, s.highway());
        Step inner = cell.step(z, s.cell(), memory);
        return new Step(new State(inner.state(), z), inner.memory());
    }
}
