package dev.augur.train;

import ai.djl.ndarray.NDArray;

/** The losses of video prediction: L2 (mean squared error) and PredRNN's L1 + L2. */
public final class FrameLoss {
    private FrameLoss() {}

    public static NDArray of(String kind, NDArray predicted, NDArray target) {
        NDArray d = predicted.sub(target);
        return switch (kind) {
            case "l2" -> d.square().mean();
            case "l1l2" -> d.square().mean().add(d.abs().mean());
            default -> throw new IllegalArgumentException("unknown loss '" + kind + "', expected l2 or l1l2");
        };
    }
}
