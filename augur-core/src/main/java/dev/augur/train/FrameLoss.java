package dev.augur.train;

import ai.djl.ndarray.NDArray;

/**
 * The losses of video prediction: {@code l2} (mean squared error), PredRNN's {@code l1l2} (mean |d| + mean d²)
 * and {@code l1l2:λ}, λ·mean |d| + (1−λ)·mean d² with λ in [0, 1] (seed 002's study of the L1/L2 balance). Any of
 * them may add TAU's differential divergence regularisation, {@code +ddr} (α = 0.1, OpenSTL's Moving MNIST
 * setting) or {@code +ddr:α}.
 */
public final class FrameLoss {
    private static final String DDR = "+ddr";
    private static final double DDR_DEFAULT_WEIGHT = 0.1;
    // OpenSTL's diff_div_reg: temperature of the softmax over a frame difference's pixels, and its log guard
    private static final float DDR_TEMPERATURE = 0.1f;
    private static final float DDR_EPS = 1e-12f;

    private FrameLoss() {}

    /** The loss of {@code predicted} against {@code target}, both [B, T, C, H, W]. */
    public static NDArray of(String kind, NDArray predicted, NDArray target) {
        int plus = kind.indexOf(DDR);
        if (plus >= 0) {
            double alpha = ddrWeight(kind, plus);
            NDArray base = of(kind.substring(0, plus), predicted, target);
            return base.add(differentialDivergence(predicted, target).mul((float) alpha));
        }
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

    /**
     * TAU's differential divergence regularisation (Tan et al. 2023; OpenSTL's {@code diff_div_reg}):
     * the differences between consecutive frames, each turned into a distribution over its pixels by a softmax at
     * temperature 0.1, and the Kullback–Leibler divergence of the prediction's from the truth's, averaged over
     * every element. Zero for fewer than three frames.
     */
    static NDArray differentialDivergence(NDArray predicted, NDArray target) {
        long b = predicted.getShape().get(0);
        long t = predicted.getShape().get(1);
        if (t <= 2) {
            return predicted.getManager().create(0f);
        }
        NDArray p = gaps(predicted, b, t).div(DDR_TEMPERATURE).softmax(2);
        NDArray q = gaps(target, b, t).div(DDR_TEMPERATURE).softmax(2);
        return p.mul(p.div(q.add(DDR_EPS)).add(DDR_EPS).log()).mean();
    }

    private static NDArray gaps(NDArray frames, long b, long t) {
        return frames.get(":, 1:").sub(frames.get(":, :-1")).reshape(b, t - 1, -1);
    }

    /** Throws unless {@code kind} names a loss. */
    public static void validate(String kind) {
        int plus = kind == null ? -1 : kind.indexOf(DDR);
        if (plus >= 0) {
            ddrWeight(kind, plus);
            kind = kind.substring(0, plus);
        }
        if (!"l2".equals(kind) && !"l1l2".equals(kind)) {
            l1Weight(kind);
        }
    }

    private static double ddrWeight(String kind, int plus) {
        String rest = kind.substring(plus + DDR.length());
        if (rest.isEmpty()) {
            return DDR_DEFAULT_WEIGHT;
        }
        if (rest.startsWith(":")) {
            try {
                double alpha = Double.parseDouble(rest.substring(1));
                if (alpha >= 0 && alpha <= 100) {
                    return alpha;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "the regularisation must be +ddr or +ddr:<α in [0, 100]>, got '" + kind + "'");
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
        throw new IllegalArgumentException(
                "loss must be l2, l1l2 or l1l2:<λ in [0, 1]>, optionally +ddr[:α], got '" + kind + "'");
    }
}
