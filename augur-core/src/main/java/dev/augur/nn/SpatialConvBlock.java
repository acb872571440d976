package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.OptionalDouble;

/**
 * One layer of SimVP's spatial encoder or decoder (OpenSTL's {@code ConvSC}): a convolution — stride 2 to halve
 * the frame, or to 4× the channels and a pixel shuffle to double it — then group normalisation in two groups and
 * SiLU. Weights named as OpenSTL's state_dict names them ({@code <name>.conv.conv[.0]}, {@code <name>.conv.norm}).
 */
final class SpatialConvBlock {
    /** What the block does to the frame size. */
    enum Resize {
        KEEP,
        HALVE,
        DOUBLE
    }

    // OpenSTL's BasicConv2d: trunc_normal_(std=.02) (truncated at ±2, i.e. never at this std), zero bias
    private static final OptionalDouble INIT_STD = OptionalDouble.of(0.02);
    private final Conv2dLayer conv;
    private final GroupNormLayer norm;
    private final Resize resize;

    SpatialConvBlock(Weights weights, String name, int in, int out, int kernel, Resize resize) {
        this.resize = resize;
        this.conv = resize == Resize.DOUBLE
                ? new Conv2dLayer(weights, name + ".conv.conv.0", in, out * 4, kernel, 1, 1, 1, INIT_STD)
                : new Conv2dLayer(
                        weights, name + ".conv.conv", in, out, kernel, resize == Resize.HALVE ? 2 : 1, 1, 1, INIT_STD);
        this.norm = new GroupNormLayer(weights, name + ".conv.norm", 2, out);
    }

    NDArray forward(NDArray x) {
        NDArray y = conv.forward(x);
        if (resize == Resize.DOUBLE) {
            y = pixelShuffle(y);
        }
        y = norm.forward(y);
        return y.mul(Activation.sigmoid(y));
    }

    /** PyTorch's {@code pixel_shuffle(·, 2)}: the inverse of the space-to-depth order {@link Patches} uses. */
    private static NDArray pixelShuffle(NDArray x) {
        Shape s = x.getShape();
        NDArray frames = Patches.merge(x.reshape(s.get(0), 1, s.get(1), s.get(2), s.get(3)), 2);
        return frames.reshape(s.get(0), s.get(1) / 4, s.get(2) * 2, s.get(3) * 2);
    }
}
