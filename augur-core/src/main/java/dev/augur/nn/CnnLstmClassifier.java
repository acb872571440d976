package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * Seed 004's CNN-LSTM (sizes for width w = 64, the seed's): Conv1D(F→64, 5) → BN → ReLU → max-pool 2 →
 * Conv1D(64→128, 5) → BN → ReLU → max-pool 2 → Conv1D(128→256, 3) → BN → ReLU → 2-layer bidirectional LSTM (128
 * per direction) → {@link TemporalAttention} → Linear(256→128) → ReLU → dropout → Linear(128→64) → ReLU → dropout
 * → Linear(64→classes). Batch norm in PyTorch's convention, as the seed's PyTorch code.
 */
public final class CnnLstmClassifier extends WindowClassifier {
    private static final int[] KERNELS = {5, 5, 3};
    private final Conv1dLayer[] convs = new Conv1dLayer[3];
    private final BatchNormLayer[] norms = new BatchNormLayer[3];
    private final BidirectionalLstm lstm;
    private final TemporalAttention attention;
    private final DenseLayer[] head;

    public CnnLstmClassifier(Spec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        int w = spec.width();
        int[] channels = {w, 2 * w, 4 * w};
        int in = spec.features();
        for (int i = 0; i < 3; i++) {
            convs[i] = new Conv1dLayer(weights, "conv." + i, in, channels[i], KERNELS[i], true);
            norms[i] = new BatchNormLayer(weights, "norm." + i, channels[i], true, BatchNormLayer.Style.TORCH);
            in = channels[i];
        }
        this.lstm = new BidirectionalLstm(weights, "lstm", in, 2 * w, 2);
        this.attention = new TemporalAttention(weights, "attention", lstm.outputChannels(), 2 * w);
        this.head = new DenseLayer[] {
            new DenseLayer(weights, "head.0", lstm.outputChannels(), 2 * w, true),
            new DenseLayer(weights, "head.1", 2 * w, w, true),
            new DenseLayer(weights, "head.2", w, spec.classes(), true)
        };
    }

    @Override
    public NDArray logits(NDArray windows, boolean training) {
        NDArray x = windows.transpose(0, 2, 1); // [B, F, T]
        for (int i = 0; i < 3; i++) {
            x = Activation.relu(norms[i].forward(convs[i].forward(x), training));
            if (i < 2) {
                x = Pool.maxPool1d(x, new Shape(2), new Shape(2), new Shape(0), false);
            }
        }
        NDArray context = attention.forward(lstm.forward(x.transpose(0, 2, 1)));
        NDArray h = dropout(Activation.relu(head[0].forward(context)), training);
        h = dropout(Activation.relu(head[1].forward(h)), training);
        return head[2].forward(h);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return training && spec.dropout() > 0
                ? Dropout.dropout(x, (float) spec.dropout(), true).singletonOrThrow()
                : x;
    }
}
