package dev.augur.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The task-specific half of a training step: draw step {@code step}'s batch, run the network and return the
 * scalar loss. Every array it makes must live in {@code manager}, which the loop closes after the step.
 */
public interface Objective {
    NDArray loss(NDManager manager, long step);
}
