package dev.augur.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.io.TorchCheckpoint;
import dev.augur.io.TorchCheckpointWriter;
import dev.augur.nn.Architecture;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.train.ScheduledSampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * thuml/predrnn-pytorch's {@code model.ckpt-N} ({@code {'net_param': state_dict}} of its PredRNN, the ST-LSTM stack)
 * both ways: read by {@link TorchCheckpoint} without running anything and written into an Augur bundle, or an Augur
 * ST-LSTM bundle written under upstream's names by {@link TorchCheckpointWriter}, for upstream's
 * {@code load_state_dict}. Layers, hidden sizes, filter size, layer norm and patch size are read from the weights'
 * shapes; the frame size, channels and input length are what a checkpoint cannot say.
 *
 * <p>The two projects order a patch's channels differently (predrnn-pytorch's {@code reshape_patch} keeps the
 * image's channels last: (row, column, channel); Augur's {@code Patches}: (channel, row, column)); they agree for
 * one-channel frames. The first layer's input weights and the 1×1 decoder are permuted across.
 */
public final class PredRnnPytorchCheckpoint {
    /** The key under which predrnn-pytorch's {@code save()} keeps the state dict. */
    public static final String KEY = "net_param";

    private static final Pattern CELL =
            Pattern.compile("cell_list\\.(\\d+)\\.(conv_[a-z]+)(?:\\.([01]))?\\.(weight|bias)");
    private static final List<String> CONVS = List.of("conv_x", "conv_h", "conv_m", "conv_o", "conv_last");

    private PredRnnPytorchCheckpoint() {}

    /** What the user tells: the frames the model was trained on. */
    public record Frames(int channels, int width, int inputLength, int totalLength) {}

    /**
     * Reads {@code checkpoint} and writes the bundle {@code out}, which records {@code data} as the model's data;
     * returns the model's spec.
     */
    public static ModelSpec importBundle(Path checkpoint, Frames frames, VideoData data, Path out) throws IOException {
        Map<String, TorchCheckpoint.Tensor> state = TorchCheckpoint.stateDict(checkpoint, KEY);
        ModelSpec spec = spec(state, frames, checkpoint);
        try (NDManager scope = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec, scope, 0)) {
            model.weights().load(augurNames(state, spec, checkpoint, scope), "", checkpoint.toString());
            FramePredictionConfig imported = new FramePredictionConfig(
                    1, 1, frames.totalLength(), 1e-3, "l2", 0, ScheduledSampling.off(), false, 0, 1);
            VideoModels.save(out, model, imported, data);
        }
        return spec;
    }

    /** Writes the ST-LSTM bundle {@code bundle} as predrnn-pytorch's {@code save()} would; returns its spec. */
    public static ModelSpec export(Path bundle, Path out) throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                VideoModels.Loaded loaded = VideoModels.load(bundle, manager)) {
            ModelSpec spec = loaded.model().spec();
            if (Architecture.of(spec.architecture()) != Architecture.PREDRNN || spec.peephole() || spec.residual()) {
                throw new IOException(bundle + ": a " + describe(spec) + "; predrnn-pytorch's PredRNN is the plain"
                        + " ST-LSTM stack (--model predrnn, no peepholes or residual links), so only such a model"
                        + " can be written for it");
            }
            Map<String, NDArray> ours = new LinkedHashMap<>();
            for (String name : loaded.model().weights().names()) {
                ours.put(name, loaded.model().weights().get(name));
            }
            Map<String, TorchCheckpoint.Tensor> theirs = new LinkedHashMap<>();
            int[] toUpstream = inverse(upstreamChannelOfOurs(spec.channels(), spec.patch()));
            for (int layer = 0; layer < spec.hidden().size(); layer++) {
                for (String conv : CONVS) {
                    String at = "stack." + layer + "." + conv;
                    boolean patched = layer == 0 && conv.equals("conv_x");
                    String upstream = "cell_list." + layer + "." + conv + (conv.equals("conv_last") ? "" : ".0");
                    theirs.put(upstream + ".weight", tensor(ours.get(at + ".weight"), patched ? 1 : -1, toUpstream));
                    if (ours.containsKey(at + ".norm.weight")) {
                        String norm = "cell_list." + layer + "." + conv + ".1.";
                        theirs.put(norm + "weight", tensor(ours.get(at + ".norm.weight"), -1, null));
                        theirs.put(norm + "bias", tensor(ours.get(at + ".norm.bias"), -1, null));
                    }
                }
            }
            theirs.put("conv_last.weight", tensor(ours.get("decoder.weight"), 0, toUpstream));
            TorchCheckpointWriter.write(out, KEY, theirs);
            return spec;
        }
    }

    /** "ST-LSTM [64, 64], filter 5, patch 4, layer norm": what a checkpoint or bundle holds, in words. */
    public static String describe(ModelSpec spec) {
        return Architecture.of(spec.architecture()).displayName() + " " + spec.hidden() + ", filter " + spec.filter()
                + ", patch " + spec.patch() + (spec.layerNorm() ? ", layer norm" : "");
    }

    private static ModelSpec spec(Map<String, TorchCheckpoint.Tensor> state, Frames frames, Path checkpoint)
            throws IOException {
        List<Integer> hidden = new ArrayList<>();
        while (state.containsKey("cell_list." + hidden.size() + ".conv_h.0.weight")) {
            hidden.add((int)
                    state.get("cell_list." + hidden.size() + ".conv_h.0.weight").shape()[1]);
        }
        TorchCheckpoint.Tensor convX = state.get("cell_list.0.conv_x.0.weight");
        if (hidden.isEmpty() || convX == null || !state.containsKey("conv_last.weight")) {
            throw new IOException(checkpoint + ": not a predrnn-pytorch PredRNN checkpoint (no cell_list.0.conv_x,"
                    + " conv_h or conv_last weights in net_param)");
        }
        int patchChannels = (int) convX.shape()[1];
        int patch = (int) Math.round(Math.sqrt((double) patchChannels / frames.channels()));
        if (patch * patch * frames.channels() != patchChannels) {
            throw new IOException(checkpoint + ": the first layer reads " + patchChannels + " channels, which is no"
                    + " square patch of " + frames.channels() + "-channel frames: check --img-channel");
        }
        return new ModelSpec(
                Architecture.PREDRNN.id(),
                frames.channels(),
                frames.width(),
                frames.width(),
                patch,
                hidden,
                (int) convX.shape()[3],
                false,
                false,
                state.containsKey("cell_list.0.conv_x.1.weight"),
                frames.inputLength());
    }

    /** predrnn-pytorch's names as Augur's: cell_list.L.conv_x.0 → stack.L.conv_x, .1 (its LayerNorm) → .norm. */
    private static NDList augurNames(
            Map<String, TorchCheckpoint.Tensor> state, ModelSpec spec, Path checkpoint, NDManager manager)
            throws IOException {
        int[] fromUpstream = upstreamChannelOfOurs(spec.channels(), spec.patch());
        NDList named = new NDList();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : state.entrySet()) {
            String name = e.getKey();
            TorchCheckpoint.Tensor t = e.getValue();
            Matcher m = CELL.matcher(name);
            String ours;
            if (m.matches()) {
                String layer = "stack." + m.group(1) + "." + m.group(2);
                ours = "1".equals(m.group(3)) ? layer + ".norm." + m.group(4) : layer + "." + m.group(4);
                if (ours.equals("stack.0.conv_x.weight")) {
                    t = permute(t, 1, fromUpstream);
                }
            } else if (name.equals("conv_last.weight")) {
                ours = "decoder.weight";
                t = permute(t, 0, fromUpstream);
            } else if (name.startsWith("adapter.")) {
                continue; // PredRNN-V2's decoupling adapter: used by its training loss only
            } else {
                unknown.add(name);
                continue;
            }
            NDArray a = manager.create(t.values(), new Shape(t.shape()));
            a.setName(ours);
            named.add(a);
        }
        if (!unknown.isEmpty()) {
            throw new IOException(checkpoint + ": weights a PredRNN (ST-LSTM) stack does not have: " + unknown);
        }
        return named;
    }

    /**
     * For each of Augur's patch channels c·p² + i·p + j, predrnn-pytorch's index of the same pixel and channel,
     * (i·p + j)·C + c.
     */
    static int[] upstreamChannelOfOurs(int channels, int patch) {
        int cells = patch * patch;
        int[] upstream = new int[channels * cells];
        for (int c = 0; c < channels; c++) {
            for (int k = 0; k < cells; k++) {
                upstream[c * cells + k] = k * channels + c;
            }
        }
        return upstream;
    }

    private static int[] inverse(int[] permutation) {
        int[] inv = new int[permutation.length];
        for (int i = 0; i < permutation.length; i++) {
            inv[permutation[i]] = i;
        }
        return inv;
    }

    private static TorchCheckpoint.Tensor tensor(NDArray a, int axis, int[] from) {
        TorchCheckpoint.Tensor t = new TorchCheckpoint.Tensor(a.getShape().getShape(), a.toFloatArray());
        return axis < 0 ? t : permute(t, axis, from);
    }

    /** A copy whose index {@code i} along {@code axis} holds the input's index {@code from[i]}. */
    static TorchCheckpoint.Tensor permute(TorchCheckpoint.Tensor t, int axis, int[] from) {
        long[] shape = t.shape();
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= (int) shape[d];
        }
        int n = (int) shape[axis];
        float[] out = new float[t.values().length];
        for (int base = 0; base < out.length; base += n * inner) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(t.values(), base + from[i] * inner, out, base + i * inner, inner);
            }
        }
        return new TorchCheckpoint.Tensor(shape, out);
    }
}
