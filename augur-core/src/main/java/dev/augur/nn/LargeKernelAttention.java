package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.OptionalDouble;

/**
 * The attention branch of SimVP's and TAU's translator blocks: 1×1 projection, GELU, a large kernel decomposed
 * into a 5×5 depthwise and a 7×7 depthwise convolution of dilation 3 (21×21 receptive field; VAN's LKA), a 1×1
 * convolution, 1×1 projection, plus the input. What the large kernel gates differs:
 * <ul>
 *   <li>gSTA (SimVP v2, Tan et al. 2022): the 1×1 convolution gives 2C channels, split into f and g,
 *       output sigmoid(g) ⊙ f (OpenSTL's {@code AttentionModule});
 *   <li>TAU (Tan et al. 2023): statical attention (the kernel's output) times dynamical
 *       attention, a squeeze-and-excitation of the input's channel means, times the input
 *       (OpenSTL's {@code TemporalAttentionModule}).
 * </ul>
 * Weights named as in OpenSTL's state_dict ({@code proj_1}, {@code spatial_gating_unit.conv0}, …).
 */
final class LargeKernelAttention {
    private static final int DILATION = 3;
    private static final int LOCAL_KERNEL = 2 * DILATION - 1;
    // OpenSTL's MetaBlock builds both blocks with kernel_size 21: 21 // 3 = 7, already odd
    private static final int DILATED_KERNEL = 21 / DILATION;

    private final boolean squeezeExcitation;
    private final Conv2dLayer proj1;
    private final Conv2dLayer conv0;
    private final Conv2dLayer convSpatial;
    private final Conv2dLayer conv1;
    private final Conv2dLayer proj2;
    private final DenseLayer squeeze;
    private final DenseLayer excite;

    /**
     * @param temporal TAU's block; otherwise gSTA's. OpenSTL initialises gSTA's convolutions from N(0, 2/fan_out);
     *     TAU's block replaces its attention after that initialisation, so TAU's keep PyTorch's defaults.
     */
    LargeKernelAttention(Weights weights, String name, int channels, boolean temporal) {
        this.squeezeExcitation = temporal;
        String unit = name + ".spatial_gating_unit";
        int gate = temporal ? channels : 2 * channels;
        this.proj1 = new Conv2dLayer(
                weights, name + ".proj_1", channels, channels, 1, 1, 1, 1, init(temporal, 1, channels, 1));
        this.conv0 = new Conv2dLayer(
                weights,
                unit + ".conv0",
                channels,
                channels,
                LOCAL_KERNEL,
                1,
                1,
                channels,
                init(temporal, LOCAL_KERNEL, channels, channels));
        this.convSpatial = new Conv2dLayer(
                weights,
                unit + ".conv_spatial",
                channels,
                channels,
                DILATED_KERNEL,
                1,
                DILATION,
                channels,
                init(temporal, DILATED_KERNEL, channels, channels));
        this.conv1 = new Conv2dLayer(weights, unit + ".conv1", channels, gate, 1, 1, 1, 1, init(temporal, 1, gate, 1));
        if (temporal) {
            // OpenSTL's quirk kept: "reduction" max(C/16, 4) is the divisor, so the bottleneck has C / that channels
            int bottleneck = channels / Math.max(channels / 16, 4);
            this.squeeze = new DenseLayer(weights, unit + ".fc.0", channels, bottleneck, false);
            this.excite = new DenseLayer(weights, unit + ".fc.2", bottleneck, channels, false);
        } else {
            this.squeeze = null;
            this.excite = null;
        }
        this.proj2 = new Conv2dLayer(
                weights, name + ".proj_2", channels, channels, 1, 1, 1, 1, init(temporal, 1, channels, 1));
    }

    private static OptionalDouble init(boolean temporal, int kernel, int out, int groups) {
        return temporal ? OptionalDouble.empty() : MixMlp.fanOutStd(kernel, out, groups);
    }

    NDArray forward(NDArray x) {
        NDArray u = Activation.gelu(proj1.forward(x));
        NDArray attention = conv1.forward(convSpatial.forward(conv0.forward(u)));
        NDArray gated;
        if (squeezeExcitation) {
            NDArray means =
                    u.reshape(u.getShape().get(0), u.getShape().get(1), -1).mean(new int[] {2});
            NDArray dynamic = Activation.sigmoid(excite.forward(Activation.relu(squeeze.forward(means))));
            gated = attention.mul(dynamic.expandDims(2).expandDims(3)).mul(u);
        } else {
            long c = attention.getShape().get(1) / 2;
            NDArray f = attention.get(":, :{}", c);
            NDArray g = attention.get(":, {}:", c);
            gated = Activation.sigmoid(g).mul(f);
        }
        return proj2.forward(gated).add(x);
    }
}
