package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Stacked recurrent cells advanced one time step at a time. Owns what is common to every stacked model:
 * the order of layers, the zig-zag path of the spatiotemporal memory M (PredRNN Eq. 4: up through the layers
 * at step t, then from the top layer at t to the bottom layer at t+1) and optional residual links, which add a
 * layer's input to its output before it goes up (seed 002) whenever their channel counts agree.
 */
public final class CellStack {
    private final List<RecurrentCell> layers;
    private final boolean residual;

    public CellStack(List<RecurrentCell> layers, boolean residual) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a cell stack needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputChannels() != layers.get(l - 1).hiddenChannels()) {
                throw new IllegalArgumentException(
                        "layer " + l + " takes " + layers.get(l).inputChannels() + " channels but layer " + (l - 1)
                                + " gives " + layers.get(l - 1).hiddenChannels());
            }
        }
        int memory = layers.get(0).memoryChannels();
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).memoryChannels() != memory) {
                throw new IllegalArgumentException("the zig-zag memory passes through every layer, so all layers need "
                        + "the same number of hidden channels; layer " + l + " differs from layer 0");
            }
        }
        this.layers = List.copyOf(layers);
        this.residual = residual;
    }

    /**
     * The states of every layer, the zig-zag memory (null when no cell uses one) and the stack's output: the
     * top layer's hidden state, plus its input when a residual link applies (null before the first step).
     */
    public record State(List<CellState> layers, NDArray memory, NDArray output) implements Carried {
        @Override
        public NDList arrays() {
            NDList all = Carried.of(memory, output);
            layers.forEach(l -> all.addAll(l.arrays()));
            return all;
        }
    }

    public int topChannels() {
        return layers.get(layers.size() - 1).hiddenChannels();
    }

    public State initialState(NDManager manager, long batch, long height, long width) {
        List<CellState> states = new ArrayList<>(layers.size());
        for (RecurrentCell cell : layers) {
            states.add(cell.initialState(manager, batch, height, width));
        }
        return new State(states, layers.get(0).initialMemory(manager, batch, height, width), null);
    }

    /** Runs the stack over a whole sequence [B, T, C, H, W] from the zero state; returns the final state. */
    public State encode(NDArray sequence) {
        Shape s = sequence.getShape();
        State state = initialState(sequence.getManager(), s.get(0), s.get(3), s.get(4));
        for (long t = 0; t < s.get(1); t++) {
            state = step(sequence.get(new NDIndex(":, {}", t)), state);
        }
        return state;
    }

    /** Advances every layer by one step on input [B, C, H, W]. */
    public State step(NDArray input, State state) {
        List<CellState> next = new ArrayList<>(layers.size());
        NDArray x = input;
        NDArray memory = state.memory();
        for (int l = 0; l < layers.size(); l++) {
            RecurrentCell.Step s = layers.get(l).step(x, state.layers().get(l), memory);
            next.add(s.state());
            memory = s.memory();
            NDArray h = s.state().hidden();
            x = residual
                            && l > 0
                            && layers.get(l).inputChannels() == layers.get(l).hiddenChannels()
                    ? h.add(x)
                    : h;
        }
        return new State(next, memory, x);
    }
}
