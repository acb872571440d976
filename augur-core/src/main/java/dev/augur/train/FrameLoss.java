package dev.augur.train;

import ai.djl.ndarray.NDArray;

/**
 * The losses of video prediction: {@code l2} (mean squared error), PredRNN's {@code l1l2} (mean |d| + mean d²)
 * and {@code l1l2:λ}, λ·mean |d| + (1−λ)·mean d² with λ in [0, 1] (seed 002's study of the L1/L2 balance).
 */
public final class FrameLoss {
    private FrameLoss() {}

    public static NDArray of(String kind, NDArray predicted, NDArray target) {
        NDArray d = predicted.sub(target);
        if (kind.equals("l2")) {
            return d.square().mean();
        }
        if (kind.equals("l1l2")) {
            return d.square().mean().add(d.abs().mean());
        }
        double lambda = l1Weight(kind);
        return d.abs().mean().mul((float) lambda).add(d.square().mean().mul((float) (1 - lambda)));
    }

    /** Throws unless {@code kind} names a loss. */
    public static void validate(String kind) {
        if (!"l2".equals(kind) && !"l1l2".equals(kind)) {
            l1Weight(kind);
        }
    }

    private static double l1Weight(String kind) {
        if (kind != null && kind.startsWith("l1l2:")) {
            try {
                double lambda = Double.parseDouble(kind.substring(5));
                if (lambda >= 0 && lambda <= 1) {
                    return lambda;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("loss must be l2, l1l2 or l1l2:<λ in [0, 1]>, got '" + kind + "'");
    }
}
