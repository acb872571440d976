package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001's straight-convolution baseline: the next frame from the current one alone (no memory), through
 * 'same' convolutions with ReLU on patched frames and a 1×1 output layer; K future frames by feeding its own
 * predictions back, through the same {@link Rollout} as the recurrent models.
 */
public final class ConvFramePredictor extends PatchedFramePredictor<Carried> {
    private final List<Conv2dLayer> layers = new ArrayList<>();
    private final Conv2dLayer output;

    public ConvFramePredictor(ModelSpec spec, NDManager manager, long seed) {
        super(spec, manager, seed);
        int in = spec.patchChannels();
        for (int l = 0; l < spec.hidden().size(); l++) {
            int h = spec.hidden().get(l);
            layers.add(new Conv2dLayer(weights, "conv." + l, in, h, spec.filter(), 1, true));
            in = h;
        }
        this.output = new Conv2dLayer(weights, "decoder", in, spec.patchChannels(), 1, 1, true);
    }

    @Override
    public Carried initialState(NDArray firstFrame) {
        return Carried.NONE;
    }

    @Override
    public Next<Carried> next(NDArray frame, Carried state) {
        NDArray x = frame;
        for (Conv2dLayer layer : layers) {
            x = Activation.relu(layer.forward(x));
        }
        return new Next<>(output.forward(x), Carried.NONE);
    }
}
