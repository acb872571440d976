package dev.augur.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with PyTorch's exact update, θ −= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + ε), on DJL's
 * fused in-place kernel. DJL's kernel adds ε to √v before bias correction; passing ε·√(1−β2ᵗ) and the matching
 * step size makes the two identical. Unlike DJL's optimiser, the moments are ours, so checkpoints can save and
 * restore them and a resumed run continues exactly.
 */
public final class Adam implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final NDManager manager;
    private final List<NDArray> first;
    private final List<NDArray> second;
    private final double learningRate;
    private long step;

    public Adam(NDManager parent, List<NDArray> weights, double learningRate) {
        this.manager = parent.newSubManager();
        this.first = weights.stream().map(w -> manager.zeros(w.getShape())).toList();
        this.second = weights.stream().map(w -> manager.zeros(w.getShape())).toList();
        this.learningRate = learningRate;
    }

    /** One update of every weight from its gradient, each gradient first multiplied by {@code gradScale}. */
    public void update(List<NDArray> weights, List<NDArray> gradients, float gradScale) {
        step++;
        double c1 = 1 - Math.pow(BETA1, (double) step);
        double c2 = Math.sqrt(1 - Math.pow(BETA2, (double) step));
        float stepSize = (float) (learningRate * c2 / c1);
        float eps = (float) (EPS * c2);
        for (int i = 0; i < weights.size(); i++) {
            NDArray w = weights.get(i);
            w.getNDArrayInternal()
                    .adamUpdate(
                            new NDList(w, gradients.get(i), first.get(i), second.get(i)),
                            new NDList(w),
                            (float) learningRate,
                            stepSize,
                            0f,
                            gradScale,
                            -1f,
                            BETA1,
                            BETA2,
                            eps,
                            false,
                            false);
        }
    }

    public long step() {
        return step;
    }

    /** The moments as named arrays (m.&lt;weight&gt;, v.&lt;weight&gt;), for a checkpoint. */
    public NDList state(NDManager target, List<String> names) {
        NDList list = new NDList();
        for (int i = 0; i < names.size(); i++) {
            list.add(named(
                    target.create(first.get(i).toFloatArray(), first.get(i).getShape()), "m." + names.get(i)));
            list.add(named(
                    target.create(second.get(i).toFloatArray(), second.get(i).getShape()), "v." + names.get(i)));
        }
        return list;
    }

    public void restore(NDList saved, List<String> names, long savedStep, String origin) {
        for (int i = 0; i < names.size(); i++) {
            copy(saved, "m." + names.get(i), first.get(i), origin);
            copy(saved, "v." + names.get(i), second.get(i), origin);
        }
        this.step = savedStep;
    }

    private static void copy(NDList saved, String name, NDArray target, String origin) {
        NDArray src = saved.get(name);
        if (src == null || !src.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException(
                    origin + ": optimiser state '" + name + "' is missing or has the wrong shape");
        }
        target.set(src.toFloatArray());
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
