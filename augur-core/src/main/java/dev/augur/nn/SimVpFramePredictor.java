package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * SimVP (Gao et al. 2022; gSTA blocks, Tan et al. 2022) and TAU (Tan et al. 2023), as OpenSTL builds them
 * ({@code SimVP_Model}): no recurrence. A convolutional encoder maps each of the J input frames to [C_S, H/s, W/s];
 * the translator stacks the J frames' features along the channels and transforms them with N_T blocks; the decoder
 * maps them back to J frames, the first encoder layer's output added before its last layer. One pass predicts the
 * next J frames; more than J are predicted by feeding whole predicted chunks back, fewer are cut from the first
 * chunk (OpenSTL's {@code SimVP.forward}). Weights are named as OpenSTL's state_dict names them.
 */
public final class SimVpFramePredictor implements FramePredictor {
    private final ModelSpec spec;
    private final Weights weights;
    private final List<SpatialConvBlock> encoder = new ArrayList<>();
    private final List<MetaBlock> translator = new ArrayList<>();
    private final List<SpatialConvBlock> decoder = new ArrayList<>();
    private final Conv2dLayer readout;

    public SimVpFramePredictor(ModelSpec spec, NDManager manager, long seed) {
        if (!spec.kind().usesTranslator()) {
            throw new IllegalArgumentException(spec.architecture() + " is not an encoder-translator-decoder model");
        }
        this.spec = spec;
        this.weights = new Weights(manager, seed);
        TranslatorLayout layout = spec.translator();
        int channels = spec.patchChannels();
        int spatial = spec.hidden().get(0);
        int temporal = spec.hidden().get(1);
        int kernel = spec.filter();
        for (int i = 0; i < layout.spatialLayers(); i++) {
            SpatialConvBlock.Resize resize = i % 2 == 1 ? SpatialConvBlock.Resize.HALVE : SpatialConvBlock.Resize.KEEP;
            encoder.add(new SpatialConvBlock(
                    weights, "enc.enc." + i, i == 0 ? channels : spatial, spatial, kernel, resize));
        }
        int stacked = spec.inputLength() * spatial;
        boolean tau = spec.kind() == Architecture.TAU;
        for (int i = 0; i < layout.blocks(); i++) {
            int in = i == 0 ? stacked : temporal;
            int out = i == layout.blocks() - 1 ? stacked : temporal;
            translator.add(new MetaBlock(weights, "hid.enc." + i, in, out, layout.mlpRatio(), tau));
        }
        for (int i = 0; i < layout.spatialLayers(); i++) {
            SpatialConvBlock.Resize resize = i % 2 == 0 ? SpatialConvBlock.Resize.DOUBLE : SpatialConvBlock.Resize.KEEP;
            decoder.add(new SpatialConvBlock(weights, "dec.dec." + i, spatial, spatial, kernel, resize));
        }
        this.readout = new Conv2dLayer(weights, "dec.readout", spatial, channels, 1, 1, true);
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Weights weights() {
        return weights;
    }

    @Override
    public int firstTarget() {
        return spec.inputLength();
    }

    /** Frames J … T−1 of {@code clip} from its first J; there is no scheduled sampling, so the mask is not read. */
    @Override
    public NDArray forward(NDArray clip, NDArray trueMask) {
        int j = spec.inputLength();
        long total = clip.getShape().get(1);
        if (total <= j) {
            throw new IllegalArgumentException("clip of " + total + " frames leaves nothing to predict after " + j);
        }
        NDArray inputs = Patches.split(clip.get(new NDIndex(":, :{}", j)), spec.patch());
        return Patches.merge(chunks(inputs, (int) (total - j), true), spec.patch());
    }

    @Override
    public NDArray predict(NDArray context, int future) {
        if (future < 1) {
            throw new IllegalArgumentException("future must be >= 1, got " + future);
        }
        NDArray inputs = Patches.split(FramePredictor.lastFrames(context, spec.inputLength()), spec.patch());
        return Patches.merge(chunks(inputs, future, false), spec.patch());
    }

    /** Whole frames are held J at a time: a smaller batch than the recurrent models' keeps inference in memory. */
    @Override
    public int inferenceBatch() {
        return 16;
    }

    /**
     * {@code future} frames after {@code inputs} [B, J, C', H', W'], J per pass, each pass in a manager of its own
     * so that only its output outlives it (autograd keeps what a backward pass needs).
     */
    private NDArray chunks(NDArray inputs, int future, boolean training) {
        NDManager root = inputs.getManager();
        int j = spec.inputLength();
        List<NDArray> parts = new ArrayList<>();
        NDArray current = inputs;
        for (int done = 0; done < future; done += j) {
            try (NDManager pass = root.newSubManager()) {
                NDArray x = current.reshape(current.getShape());
                x.attach(pass);
                NDArray next = pass(x, training);
                next.attach(root);
                current = next;
            }
            parts.add(future - done < j ? current.get(new NDIndex(":, :{}", future - done)) : current);
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 1);
    }

    /** One pass: J frames [B, J, C', H', W'] to the next J. */
    private NDArray pass(NDArray frames, boolean training) {
        Shape s = frames.getShape();
        long b = s.get(0), t = s.get(1);
        NDArray h = encoder.get(0).forward(frames.reshape(b * t, s.get(2), s.get(3), s.get(4)));
        NDArray skip = h;
        for (int i = 1; i < encoder.size(); i++) {
            h = encoder.get(i).forward(h);
        }
        Shape latent = h.getShape();
        NDArray z = h.reshape(b, t * latent.get(1), latent.get(2), latent.get(3));
        for (MetaBlock block : translator) {
            z = block.forward(z, training);
        }
        z = z.reshape(latent);
        for (int i = 0; i < decoder.size() - 1; i++) {
            z = decoder.get(i).forward(z);
        }
        NDArray y = readout.forward(decoder.get(decoder.size() - 1).forward(z.add(skip)));
        return y.reshape(s);
    }
}
