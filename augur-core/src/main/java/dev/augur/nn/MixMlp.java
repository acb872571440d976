package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.OptionalDouble;

/**
 * The convolutional feed-forward network of SimVP's gSTA and TAU blocks (OpenSTL's {@code MixMlp}, from VAN): 1×1
 * convolution to {@code hidden} channels, 3×3 depthwise convolution, GELU, 1×1 convolution back.
 */
final class MixMlp {
    private final Conv2dLayer fc1;
    private final Conv2dLayer dwconv;
    private final Conv2dLayer fc2;

    MixMlp(Weights weights, String name, int channels, int hidden) {
        this.fc1 = new Conv2dLayer(weights, name + ".fc1", channels, hidden, 1, 1, 1, 1, fanOutStd(1, hidden, 1));
        this.dwconv = new Conv2dLayer(
                weights, name + ".dwconv.dwconv", hidden, hidden, 3, 1, 1, hidden, fanOutStd(3, hidden, hidden));
        this.fc2 = new Conv2dLayer(weights, name + ".fc2", hidden, channels, 1, 1, 1, 1, fanOutStd(1, channels, 1));
    }

    NDArray forward(NDArray x) {
        return fc2.forward(Activation.gelu(dwconv.forward(fc1.forward(x))));
    }

    /** OpenSTL's initialisation of its blocks' convolutions: N(0, 2/fan_out), fan_out = k²·out/groups. */
    static OptionalDouble fanOutStd(int kernel, int out, int groups) {
        return OptionalDouble.of(Math.sqrt(2.0 / ((double) kernel * kernel * out / groups)));
    }
}
