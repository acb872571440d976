package dev.augur.nn;

import ai.djl.ndarray.NDArray;

/**
 * One step of a frame predictor: the next frame from the current one and whatever the predictor remembers.
 * Frames are patched, [B, C·p², H/p, W/p]. {@link Rollout} drives every predictor through this.
 */
public interface FrameStep<S extends Carried> {
    S initialState(NDArray firstFrame);

    Next<S> next(NDArray frame, S state);

    record Next<S>(NDArray frame, S state) {}
}
