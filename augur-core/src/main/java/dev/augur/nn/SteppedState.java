package dev.augur.nn;

import ai.djl.ndarray.NDManager;

/**
 * A recurrent state carried from step to step at inference, each step's arrays in a manager of their own: a step
 * makes the next state in a fresh manager, then the manager of the state before is closed, so memory stays flat
 * however long the stream (DJL keeps every intermediate until its manager closes). The one way the live and the
 * batch burst scorers advance a stateful network; {@link Rollout} does the same inside a rollout.
 *
 * @param <S> what a step hands on (e.g. the cell states and the step's output)
 */
public final class SteppedState<S> implements AutoCloseable {
    /** One step: the next state, made in {@code manager}, from {@code previous} (null before the first step). */
    @FunctionalInterface
    public interface Step<S> {
        S next(NDManager manager, S previous);
    }

    private final NDManager root;
    private NDManager held;
    private S state;

    public SteppedState(NDManager root) {
        this.root = root;
        this.held = root.newSubManager();
    }

    /** Advances by one step and returns the new state; the previous state's arrays are released. */
    public S advance(Step<S> step) {
        NDManager fresh = root.newSubManager();
        S next;
        try {
            next = step.next(fresh, state);
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        held.close();
        held = fresh;
        state = next;
        return next;
    }

    /** The latest state, or null before the first step. */
    public S state() {
        return state;
    }

    @Override
    public void close() {
        held.close();
    }
}
