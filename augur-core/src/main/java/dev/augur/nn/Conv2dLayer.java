package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.OptionalDouble;

/**
 * A 2D convolution with 'same' padding (odd kernels, padding dilation·(k−1)/2), optionally grouped (depthwise when
 * groups = channels) and dilated, with PyTorch's default initialisation or a normal one.
 */
public final class Conv2dLayer {
    private final NDArray weight;
    private final NDArray bias;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;

    public Conv2dLayer(Weights weights, String name, int in, int out, int kernel, int stride, boolean bias) {
        this(weights, name, in, out, kernel, stride, bias, 1.0 / Math.sqrt((double) in * kernel * kernel));
    }

    /** As above, initialised from U(−bound, bound) instead of PyTorch's default bound 1/√fan_in. */
    public Conv2dLayer(
            Weights weights, String name, int in, int out, int kernel, int stride, boolean bias, double bound) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": kernel must be odd for 'same' padding, got " + kernel);
        }
        this.weight = weights.uniform(name + ".weight", new Shape(out, in, kernel, kernel), bound);
        this.bias = bias ? weights.uniform(name + ".bias", new Shape(out), bound) : null;
        this.stride = stride;
        this.padding = kernel / 2;
        this.dilation = 1;
        this.groups = 1;
    }

    /**
     * A grouped, dilated convolution with a bias. {@code std} empty: PyTorch's default U(±1/√fan_in), fan_in =
     * in/groups·k²; given: weights from N(0, std²) and a zero bias, as OpenSTL initialises SimVP's layers.
     */
    public Conv2dLayer(
            Weights weights,
            String name,
            int in,
            int out,
            int kernel,
            int stride,
            int dilation,
            int groups,
            OptionalDouble std) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException(name + ": kernel must be odd for 'same' padding, got " + kernel);
        }
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(
                    name + ": " + groups + " groups must divide " + in + " input and " + out + " output channels");
        }
        Shape shape = new Shape(out, in / groups, kernel, kernel);
        if (std.isPresent()) {
            this.weight = weights.normal(name + ".weight", shape, std.getAsDouble());
            this.bias = weights.constant(name + ".bias", new Shape(out), 0f);
        } else {
            double bound = 1.0 / Math.sqrt((double) in / groups * kernel * kernel);
            this.weight = weights.uniform(name + ".weight", shape, bound);
            this.bias = weights.uniform(name + ".bias", new Shape(out), bound);
        }
        this.stride = stride;
        this.padding = dilation * (kernel - 1) / 2;
        this.dilation = dilation;
        this.groups = groups;
    }

    public NDArray forward(NDArray x) {
        return Conv2d.conv2d(
                        x,
                        weight,
                        bias,
                        new Shape(stride, stride),
                        new Shape(padding, padding),
                        new Shape(dilation, dilation),
                        groups)
                .singletonOrThrow();
    }
}
