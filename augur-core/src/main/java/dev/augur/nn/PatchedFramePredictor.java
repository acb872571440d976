package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What every frame predictor shares: its spec and weights, and a forward pass that patches the clip, runs the
 * one {@link Rollout} over the subclass's {@link FrameStep} and merges the patches back into frames.
 */
abstract class PatchedFramePredictor<S extends Carried> implements FramePredictor, FrameStep<S> {
    protected final ModelSpec spec;
    protected final Weights weights;

    PatchedFramePredictor(ModelSpec spec, NDManager manager, long seed) {
        this.spec = spec;
        this.weights = new Weights(manager, seed);
    }

    @Override
    public final ModelSpec spec() {
        return spec;
    }

    @Override
    public final Weights weights() {
        return weights;
    }

    @Override
    public final NDArray forward(NDArray clip, NDArray trueMask) {
        NDArray patched = Patches.split(clip, spec.patch());
        return Patches.merge(Rollout.run(this, patched, trueMask, spec.inputLength()), spec.patch());
    }

    @Override
    public final NDArray predict(NDArray context, int future) {
        NDArray patched = Patches.split(FramePredictor.lastFrames(context, spec.inputLength()), spec.patch());
        return Patches.merge(Rollout.generate(this, patched, future), spec.patch());
    }
}
