package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;

/**
 * The 1D-convolution baseline in the spirit of CalMS21's task-1 baseline: the same centred window of past and
 * future frames as the CNN-LSTM, three Conv1D(w channels, kernel 5; 64 by default) → BN → ReLU layers, global max pool
 * over time,
 * dropout, and a linear layer to the classes.
 */
public final class Conv1dClassifier extends WindowClassifier {
    private final Conv1dLayer[] convs = new Conv1dLayer[3];
    private final BatchNormLayer[] norms = new BatchNormLayer[3];
    private final DenseLayer output;

    public Conv1dClassifier(Spec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        int in = spec.features();
        for (int i = 0; i < 3; i++) {
            convs[i] = new Conv1dLayer(weights, "conv." + i, in, spec.width(), 5, true);
            norms[i] = new BatchNormLayer(weights, "norm." + i, spec.width(), true, BatchNormLayer.Style.TORCH);
            in = spec.width();
        }
        this.output = new DenseLayer(weights, "head", spec.width(), spec.classes(), true);
    }

    @Override
    public NDArray logits(NDArray windows, boolean training) {
        NDArray x = windows.transpose(0, 2, 1);
        for (int i = 0; i < 3; i++) {
            x = Activation.relu(norms[i].forward(convs[i].forward(x), training));
        }
        NDArray pooled = x.max(new int[] {2});
        if (training && spec.dropout() > 0) {
            pooled = Dropout.dropout(pooled, (float) spec.dropout(), true).singletonOrThrow();
        }
        return output.forward(pooled);
    }
}
