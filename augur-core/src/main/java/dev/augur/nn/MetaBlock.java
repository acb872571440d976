package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * One block of SimVP's and TAU's translator (OpenSTL's {@code MetaBlock} around {@code GASubBlock} or
 * {@code TAUSubBlock}), on [B, C, H, W] where C stacks the J frames' channels: x + s₁ ⊙ attention(BN(x)), then
 * + s₂ ⊙ MixMlp(BN(·)), with learned per-channel layer scales s (initially 0.01), and a 1×1 convolution to
 * {@code out} channels when it differs. Batch normalisation uses the batch's statistics while training and the
 * running ones at inference, as PyTorch's does; drop-path and dropout are left out (OpenSTL's Moving MNIST
 * settings switch them off).
 */
final class MetaBlock {
    private static final float LAYER_SCALE_INIT = 1e-2f;
    private final BatchNormLayer norm1;
    private final LargeKernelAttention attention;
    private final NDArray scale1;
    private final BatchNormLayer norm2;
    private final MixMlp mlp;
    private final NDArray scale2;
    private final Conv2dLayer reduction;

    MetaBlock(Weights weights, String name, int in, int out, double mlpRatio, boolean temporal) {
        String block = name + ".block";
        Shape perChannel = new Shape(1, in, 1, 1);
        this.norm1 = new BatchNormLayer(weights, block + ".norm1", in, true, BatchNormLayer.Style.TORCH);
        this.attention = new LargeKernelAttention(weights, block + ".attn", in, temporal);
        this.norm2 = new BatchNormLayer(weights, block + ".norm2", in, true, BatchNormLayer.Style.TORCH);
        this.mlp = new MixMlp(weights, block + ".mlp", in, (int) (in * mlpRatio));
        this.scale1 = weights.constant(block + ".layer_scale_1", perChannel, LAYER_SCALE_INIT);
        this.scale2 = weights.constant(block + ".layer_scale_2", perChannel, LAYER_SCALE_INIT);
        this.reduction = in == out ? null : new Conv2dLayer(weights, name + ".reduction", in, out, 1, 1, true);
    }

    NDArray forward(NDArray x, boolean training) {
        NDArray y = x.add(attention.forward(norm1.forward(x, training)).mul(scale1));
        y = y.add(mlp.forward(norm2.forward(y, training)).mul(scale2));
        return reduction == null ? y : reduction.forward(y);
    }
}
