package dev.augur.nn;

import ai.djl.ndarray.NDManager;

/** What the keypoint window classifiers share: their spec and their weights, drawn from a seed. */
abstract class WindowClassifier implements SequenceClassifier {
    protected final Spec spec;
    protected final Weights weights;

    WindowClassifier(Spec spec, NDManager manager, long seed) {
        this.spec = spec;
        this.weights = new Weights(manager, seed);
    }

    @Override
    public final Spec spec() {
        return spec;
    }

    @Override
    public final Weights weights() {
        return weights;
    }
}
