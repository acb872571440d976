package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The one rollout loop (predrnn-pytorch's {@code RNN.forward}): for t = 0 … T−2 the predictor reads frame t
 * and predicts frame t+1. Inputs t &lt; J are the given frames; afterwards the scheduled-sampling mask picks,
 * per sequence and step, the true frame (1) or the model's own last prediction (0). A null mask means fully
 * autoregressive, as at test time. A mask of width T−2 (reverse scheduled sampling, PredRNN-V2) also covers the
 * encoder: every step t ≥ 1 mixes truth and prediction as mask[:, t−1] says. Returns the T−1 predictions
 * [B, T−1, C', H', W'] (frames 1 … T−1).
 */
public final class Rollout {
    private Rollout() {}

    /**
     * @param clip      patched frames [B, T, C', H', W']; frames at t ≥ J are read only where the mask says so
     * @param trueMask  [B, T−J−1] or [B, T−2] of 0/1, or null
     * @param inputLength J, at least 1
     */
    public static <S extends Carried> NDArray run(
            FrameStep<S> predictor, NDArray clip, NDArray trueMask, int inputLength) {
        long total = clip.getShape().get(1);
        if (inputLength < 1 || inputLength >= total) {
            throw new IllegalArgumentException("input length " + inputLength + " must be in [1, " + (total - 1) + "]");
        }
        boolean reverse = trueMask != null
                && trueMask.getShape().dimension() == 2
                && trueMask.getShape().get(1) == total - 2
                && inputLength > 1;
        if (trueMask != null
                && (trueMask.getShape().dimension() != 2
                        || (trueMask.getShape().get(1) != total - inputLength - 1 && !reverse)
                        || trueMask.getShape().get(0) != clip.getShape().get(0))) {
            throw new IllegalArgumentException("scheduled-sampling mask must be [B, " + (total - inputLength - 1)
                    + "] or, reversed, [B, " + (total - 2) + "], got " + trueMask.getShape());
        }
        int maskStart = reverse ? 1 : inputLength;
        NDManager root = clip.getManager();
        List<NDArray> predictions = new ArrayList<>((int) total - 1);
        S state = predictor.initialState(clip.get(new NDIndex(":, 0")));
        NDArray generated = null;
        for (int t = 0; t < total - 1; t++) {
            NDArray frame;
            if (t < maskStart || (trueMask == null && t < inputLength)) {
                frame = clip.get(new NDIndex(":, {}", t));
            } else if (trueMask == null) {
                frame = view(generated);
            } else {
                NDArray m = trueMask.get(new NDIndex(":, {}", t - maskStart)).reshape(-1, 1, 1, 1);
                NDArray truth = clip.get(new NDIndex(":, {}", t));
                frame = truth.mul(m).add(generated.mul(m.neg().add(1f)));
            }
            FrameStep.Next<S> next = scoped(predictor, frame, state, root);
            generated = next.frame();
            state = next.state();
            predictions.add(generated);
        }
        return NDArrays.stack(new NDList(predictions), 1);
    }

    /**
     * The same loop at inference, fully autoregressive: reads the J context frames [B, J, C', H', W'] and returns
     * the {@code future} frames after them, keeping none of the context's predictions. Without gradients (nothing
     * then holds a finished step's intermediates), memory stays at one step's worth whatever the length. The
     * arrays returned belong to the context's manager.
     */
    public static <S extends Carried> NDArray generate(FrameStep<S> predictor, NDArray context, int future) {
        if (future < 1) {
            throw new IllegalArgumentException("future must be >= 1, got " + future);
        }
        NDManager root = context.getManager();
        long inputs = context.getShape().get(1);
        List<NDArray> predictions = new ArrayList<>(future);
        S state = predictor.initialState(context.get(new NDIndex(":, 0")));
        NDArray generated = null;
        for (int t = 0; t < inputs + future - 1; t++) {
            NDArray frame = t < inputs ? context.get(new NDIndex(":, {}", t)) : generated;
            FrameStep.Next<S> next = scoped(predictor, frame, state, root);
            state = next.state();
            generated = next.frame();
            if (t >= inputs - 1) {
                predictions.add(generated.duplicate());
            }
        }
        state.arrays().close();
        NDArray out = NDArrays.stack(new NDList(predictions), 1);
        predictions.forEach(NDArray::close);
        generated.close();
        return out;
    }

    /**
     * One step in a manager of its own, closed when the step ends: the frame and the state are moved into it, and
     * only the next frame and state come back out to {@code root}. The previous state and every intermediate are
     * then released; when training, autograd keeps its own references to whatever the backward pass needs.
     */
    private static <S extends Carried> FrameStep.Next<S> scoped(
            FrameStep<S> predictor, NDArray frame, S state, NDManager root) {
        try (NDManager step = root.newSubManager()) {
            frame.attach(step);
            state.arrays().attach(step);
            FrameStep.Next<S> next = predictor.next(frame, state);
            next.state().arrays().attach(root);
            next.frame().attach(root);
            return next;
        }
    }

    /** A second handle on {@code array}'s data, so that closing one leaves the other usable. */
    private static NDArray view(NDArray array) {
        return array.reshape(array.getShape());
    }
}
