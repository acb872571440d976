package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Logistic regression on a whole window: the window [B, T, F] flattened to T·F inputs and one linear layer to the
 * logits. The simple learned reference beside the recurrent forecasters of per-frame series.
 */
public final class LogisticClassifier extends WindowClassifier {
    private final DenseLayer linear;

    public LogisticClassifier(Spec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        this.linear = new DenseLayer(weights, "linear", spec.window() * spec.features(), spec.classes(), true);
    }

    @Override
    public NDArray logits(NDArray windows, boolean training) {
        return linear.forward(windows.reshape(windows.getShape().get(0), -1));
    }
}
