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
import dev.augur.nn.TranslatorLayout;
import dev.augur.nn.Weights;
import dev.augur.train.ScheduledSampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoints of the two PyTorch projects users train on GPUs, both naming their recurrent stacks
 * {@code cell_list.L.…} and the 1×1 decoder {@code conv_last}: thuml/predrnn-pytorch's {@code model.ckpt-N}
 * ({@code {'net_param': state_dict}} of its PredRNN, the ST-LSTM stack) and chengtan9907/OpenSTL's checkpoints
 * ({@code {'state_dict': {'model.…': tensor}}} as PyTorch Lightning and its publish_model write them, or a bare state
 * dict) of PredRNN, PredRNN++ and ConvLSTM. Read by {@link TorchCheckpoint} without running anything and written
 * into an Augur bundle; an Augur ST-LSTM bundle is written back under predrnn-pytorch's names by
 * {@link TorchCheckpointWriter}, for upstream's {@code load_state_dict}. Layers, hidden sizes, filter size, layer
 * norm and patch size are read from the weights' shapes; the frame size, channels and input length are what a
 * checkpoint cannot say.
 *
 * <p>Both projects order a patch's channels as their {@code reshape_patch} leaves them, channels last: (row, column,
 * channel); Augur's {@code Patches}: (channel, row, column); they agree for one-channel frames. The first layer's
 * input weights and the 1×1 decoder are permuted across. OpenSTL's ConvLSTM convolves X and H apart without a bias;
 * Augur's cell convolves [X, H] at once, so the two weights are joined along the input channels and the bias is 0.
 */
public final class UpstreamCheckpoint {
    /** The key under which predrnn-pytorch's {@code save()} keeps the state dict. */
    public static final String KEY = "net_param";

    /** Whose file: the project that wrote it. */
    public enum Format {
        PREDRNN_PYTORCH("predrnn-pytorch"),
        OPENSTL("openstl");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Format of(String id) {
            for (Format f : values()) {
                if (f.id.equals(id)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("--format " + id + ": expected predrnn-pytorch or openstl");
        }
    }

    private static final Pattern CELL =
            Pattern.compile("cell_list\\.(\\d+)\\.(conv_[a-z0-9]+)(?:\\.([01]))?\\.(weight|bias)");
    private static final Pattern HIGHWAY =
            Pattern.compile("gradient_highway\\.([a-z]+_concat)(?:\\.([01]))?\\.(weight|bias)");
    private static final List<String> CONVS = List.of("conv_x", "conv_h", "conv_m", "conv_o", "conv_last");
    private static final List<String> CAUSAL_CONVS =
            List.of("conv_x", "conv_h", "conv_c", "conv_m", "conv_o", "conv_c2m", "conv_om", "conv_last");

    private static final String RECURRENT_MARKER = "cell_list.0.conv_x.0.weight";
    private static final String TRANSLATOR_MARKER = "enc.enc.0.conv.conv.weight";
    private static final Pattern PER_CHANNEL =
            Pattern.compile(".*\\.(norm|norm1|norm2)\\.(weight|bias)|.*\\.layer_scale_[12]");

    private UpstreamCheckpoint() {}

    /** What the user tells: the frames the model was trained on. */
    public record Frames(int channels, int width, int inputLength, int totalLength) {}

    /**
     * Reads {@code checkpoint}, written by {@code format} (null: told by its layout — predrnn-pytorch's has a
     * {@code net_param} entry), and writes the bundle {@code out}, which records {@code data} as the model's data;
     * returns the model's spec.
     */
    public static ModelSpec importBundle(Path checkpoint, Format format, Frames frames, VideoData data, Path out)
            throws IOException {
        Map<String, TorchCheckpoint.Tensor> state = state(checkpoint, format);
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

    /**
     * Writes the bundle {@code bundle} under {@code format}'s names, as its project saves: predrnn-pytorch's
     * {@code {'net_param': state_dict}} (its PredRNN: plain ST-LSTM stacks only) or OpenSTL's
     * {@code {'state_dict': {'model.…': tensor}}} (PredRNN, PredRNN++ without layer norm, ConvLSTM without layer norm
     * or bias; SimVP and TAU); returns its spec. Weights OpenSTL's cells hold but never use are written as zeros.
     */
    public static ModelSpec export(Path bundle, Format format, Path out) throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                VideoModels.Loaded loaded = VideoModels.load(bundle, manager)) {
            ModelSpec spec = loaded.model().spec();
            Architecture kind = Architecture.of(spec.architecture());
            if (kind.usesTranslator()) {
                if (format != Format.OPENSTL) {
                    throw new IOException(bundle + ": a " + kind.displayName() + ", which predrnn-pytorch has no"
                            + " model for (SimVP and TAU are OpenSTL's: --format openstl)");
                }
                TorchCheckpointWriter.write(
                        out, "state_dict", openStlTranslator(loaded.model().weights(), manager));
                return spec;
            }
            boolean writable = !spec.peephole()
                    && !spec.residual()
                    && (kind == Architecture.PREDRNN
                            || (format == Format.OPENSTL
                                    && !spec.layerNorm()
                                    && (kind == Architecture.PREDRNN_PLUS || kind == Architecture.CONVLSTM)));
            if (!writable) {
                throw new IOException(bundle + ": a " + describe(spec) + ", which " + format.id() + " has no model"
                        + " for (predrnn-pytorch: plain ST-LSTM stacks; openstl: those, and PredRNN++ and ConvLSTM"
                        + " without layer norm, peepholes or residual links)");
            }
            Map<String, TorchCheckpoint.Tensor> ours = new LinkedHashMap<>();
            int[] toUpstream = inverse(upstreamChannelOfOurs(spec.channels(), spec.patch()));
            for (String name : loaded.model().weights().names()) {
                NDArray a = loaded.model().weights().get(name);
                boolean patched = name.equals("stack.0.conv_x.weight")
                        || (kind == Architecture.CONVLSTM && name.equals("stack.0.conv.weight"));
                ours.put(
                        name,
                        name.equals("decoder.weight")
                                ? tensor(a, 0, toUpstream)
                                : tensor(a, patched ? 1 : -1, patched ? toUpstreamInputs(a, toUpstream) : null));
            }
            Map<String, TorchCheckpoint.Tensor> theirs = kind == Architecture.CONVLSTM
                    ? openStlConvLstm(ours, spec, bundle)
                    : upstreamNames(ours, spec, kind);
            theirs.put("conv_last.weight", ours.get("decoder.weight"));
            if (format == Format.OPENSTL) {
                Map<String, TorchCheckpoint.Tensor> lightning = new LinkedHashMap<>();
                theirs.forEach((k, v) -> lightning.put("model." + k, v));
                TorchCheckpointWriter.write(out, "state_dict", lightning);
            } else {
                TorchCheckpointWriter.write(out, KEY, theirs);
            }
            return spec;
        }
    }

    /**
     * SimVP's and TAU's weights under OpenSTL's Lightning names (Augur's names are OpenSTL's): per-channel vectors
     * back to PyTorch's [C]. Batch norm's step counters are not written — Augur keeps none, and PyTorch's batch norm
     * fills a missing one in when it loads a state dict without version metadata, as these are.
     */
    private static Map<String, TorchCheckpoint.Tensor> openStlTranslator(Weights weights, NDManager manager) {
        Map<String, TorchCheckpoint.Tensor> lightning = new LinkedHashMap<>();
        for (NDArray a : weights.snapshot(manager, "")) { // parameters and running statistics
            String name = a.getName();
            long[] shape = PER_CHANNEL.matcher(name).matches()
                    ? new long[] {a.getShape().size()}
                    : a.getShape().getShape();
            lightning.put("model." + name, new TorchCheckpoint.Tensor(shape, a.toFloatArray()));
        }
        return lightning;
    }

    /** The permutation of a first-layer input axis; ConvLSTM's joined weight reads the patch first, then H. */
    private static int[] toUpstreamInputs(NDArray weight, int[] toUpstream) {
        int inputs = (int) weight.getShape().get(1);
        int[] all = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            all[i] = i < toUpstream.length ? toUpstream[i] : i;
        }
        return all;
    }

    /** ST-LSTM and causal-LSTM stacks: Augur's names as upstream's (the inverse of {@link #augurNames}). */
    private static Map<String, TorchCheckpoint.Tensor> upstreamNames(
            Map<String, TorchCheckpoint.Tensor> ours, ModelSpec spec, Architecture kind) {
        Map<String, TorchCheckpoint.Tensor> theirs = new LinkedHashMap<>();
        List<String> convs = kind == Architecture.PREDRNN_PLUS ? CAUSAL_CONVS : CONVS;
        for (int layer = 0; layer < spec.hidden().size(); layer++) {
            int n = spec.hidden().get(layer);
            for (String conv : convs) {
                String at = "stack." + layer + "." + conv;
                String upstream = "cell_list." + layer + "." + conv + (conv.equals("conv_last") ? "" : ".0");
                TorchCheckpoint.Tensor w = ours.get(at + ".weight");
                if (w == null && conv.equals("conv_o")) { // OpenSTL's causal cell holds one it never uses
                    w = zeros(n, 2L * n, spec.filter(), spec.filter());
                }
                theirs.put(upstream + ".weight", w);
                if (ours.containsKey(at + ".norm.weight")) {
                    String norm = "cell_list." + layer + "." + conv + ".1.";
                    theirs.put(norm + "weight", ours.get(at + ".norm.weight"));
                    theirs.put(norm + "bias", ours.get(at + ".norm.bias"));
                }
            }
        }
        for (String conv : List.of("z_concat", "x_concat")) {
            TorchCheckpoint.Tensor w = ours.get("stack.1.highway." + conv + ".weight");
            if (w != null) {
                theirs.put("gradient_highway." + conv + ".0.weight", w);
            }
        }
        return theirs;
    }

    /** Augur's one convolution of [X, H] as OpenSTL's two, bias-free: refused when the bias is not zero. */
    private static Map<String, TorchCheckpoint.Tensor> openStlConvLstm(
            Map<String, TorchCheckpoint.Tensor> ours, ModelSpec spec, Path bundle) throws IOException {
        Map<String, TorchCheckpoint.Tensor> theirs = new LinkedHashMap<>();
        int in = spec.patchChannels();
        for (int layer = 0; layer < spec.hidden().size(); layer++) {
            int n = spec.hidden().get(layer);
            for (float b : ours.get("stack." + layer + ".conv.bias").values()) {
                if (b != 0f) {
                    throw new IOException(bundle + ": layer " + layer + " of this ConvLSTM has a gate bias; OpenSTL's"
                            + " ConvLSTM has none, so it cannot hold these weights");
                }
            }
            TorchCheckpoint.Tensor w = ours.get("stack." + layer + ".conv.weight");
            long[] shape = w.shape();
            int k = (int) (shape[2] * shape[3]);
            int total = (int) shape[1];
            float[] x = new float[4 * n * in * k];
            float[] h = new float[4 * n * n * k];
            for (int o = 0; o < 4 * n; o++) {
                System.arraycopy(w.values(), o * total * k, x, o * in * k, in * k);
                System.arraycopy(w.values(), o * total * k + in * k, h, o * n * k, n * k);
            }
            String cell = "cell_list." + layer + ".";
            theirs.put(
                    cell + "conv_x.0.weight",
                    new TorchCheckpoint.Tensor(new long[] {4L * n, in, shape[2], shape[3]}, x));
            theirs.put(
                    cell + "conv_h.0.weight",
                    new TorchCheckpoint.Tensor(new long[] {4L * n, n, shape[2], shape[3]}, h));
            // held by OpenSTL's cell, never used by its forward pass
            theirs.put(cell + "conv_o.0.weight", zeros(n, 2L * n, spec.filter(), spec.filter()));
            theirs.put(cell + "conv_last.weight", zeros(n, 2L * n, 1, 1));
            in = n;
        }
        return theirs;
    }

    private static TorchCheckpoint.Tensor zeros(long... shape) {
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        return new TorchCheckpoint.Tensor(shape, new float[(int) count]);
    }

    /** "ST-LSTM [64, 64], filter 5, patch 4, layer norm": what a checkpoint or bundle holds, in words. */
    public static String describe(ModelSpec spec) {
        return Architecture.of(spec.architecture()).displayName() + " " + spec.hidden() + ", filter " + spec.filter()
                + ", patch " + spec.patch() + (spec.layerNorm() ? ", layer norm" : "");
    }

    /**
     * The state dict of a file: predrnn-pytorch's under {@code net_param}; OpenSTL's as it is, or under
     * {@code state_dict} with the Lightning module's {@code model.} prefix taken off.
     */
    private static Map<String, TorchCheckpoint.Tensor> state(Path checkpoint, Format format) throws IOException {
        Object root = TorchCheckpoint.read(checkpoint);
        boolean predrnn = root instanceof Map<?, ?> top && top.containsKey(KEY);
        if (format == Format.PREDRNN_PYTORCH || (format == null && predrnn)) {
            return TorchCheckpoint.stateDict(checkpoint, KEY);
        }
        boolean wrapped = root instanceof Map<?, ?> m && m.get("state_dict") instanceof Map<?, ?>;
        Map<String, TorchCheckpoint.Tensor> state =
                TorchCheckpoint.stateDict(checkpoint, wrapped ? "state_dict" : null);
        String prefix = state.keySet().stream()
                .flatMap(k -> Stream.of(RECURRENT_MARKER, TRANSLATOR_MARKER)
                        .filter(k::endsWith)
                        .map(marker -> k.substring(0, k.length() - marker.length())))
                .findFirst()
                .orElse("");
        Map<String, TorchCheckpoint.Tensor> bare = new LinkedHashMap<>();
        state.forEach((k, v) -> bare.put(k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
        return bare;
    }

    private static ModelSpec spec(Map<String, TorchCheckpoint.Tensor> state, Frames frames, Path checkpoint)
            throws IOException {
        if (state.containsKey(TRANSLATOR_MARKER)) {
            return translatorSpec(state, frames, checkpoint);
        }
        List<Integer> hidden = new ArrayList<>();
        while (state.containsKey("cell_list." + hidden.size() + ".conv_h.0.weight")) {
            hidden.add((int)
                    state.get("cell_list." + hidden.size() + ".conv_h.0.weight").shape()[1]);
        }
        TorchCheckpoint.Tensor convX = state.get("cell_list.0.conv_x.0.weight");
        if (hidden.isEmpty() || convX == null || !state.containsKey("conv_last.weight")) {
            throw new IOException(
                    checkpoint + ": not a PredRNN, PredRNN++, ConvLSTM or SimVP checkpoint (no cell_list.0.conv_x,"
                            + " conv_h or conv_last weights in its state dict)");
        }
        int patchChannels = (int) convX.shape()[1];
        int patch = (int) Math.round(Math.sqrt((double) patchChannels / frames.channels()));
        if (patch * patch * frames.channels() != patchChannels) {
            throw new IOException(checkpoint + ": the first layer reads " + patchChannels + " channels, which is no"
                    + " square patch of " + frames.channels() + "-channel frames: check --img-channel");
        }
        boolean layerNorm = state.containsKey("cell_list.0.conv_x.1.weight");
        Architecture kind = state.containsKey("cell_list.0.conv_c.0.weight")
                ? Architecture.PREDRNN_PLUS
                : state.containsKey("cell_list.0.conv_m.0.weight") ? Architecture.PREDRNN : Architecture.CONVLSTM;
        if (kind == Architecture.CONVLSTM && layerNorm) {
            throw new IOException(checkpoint + ": an OpenSTL ConvLSTM with layer norm, which normalises the"
                    + " convolutions of X and H apart; Augur's ConvLSTM convolves [X, H] at once,"
                    + " so it cannot hold it");
        }
        return new ModelSpec(
                kind.id(),
                frames.channels(),
                frames.width(),
                frames.width(),
                patch,
                hidden,
                (int) convX.shape()[3],
                false,
                false,
                layerNorm,
                frames.inputLength());
    }

    /**
     * OpenSTL's SimVP_Model with gSTA or TAU blocks: widths, layers, kernel and MLP ratio from the weights' shapes;
     * J from the translator's width (J frames' features stacked), which must be the frames' input length.
     */
    private static ModelSpec translatorSpec(Map<String, TorchCheckpoint.Tensor> state, Frames frames, Path checkpoint)
            throws IOException {
        if (!state.containsKey("hid.enc.0.block.attn.spatial_gating_unit.conv0.weight")) {
            throw new IOException(checkpoint + ": a SimVP whose translator is neither gSTA nor TAU (OpenSTL's"
                    + " model_type); Augur has those two");
        }
        long[] first = state.get(TRANSLATOR_MARKER).shape();
        int spatial = (int) first[0];
        int layers = 0;
        while (state.containsKey("enc.enc." + layers + ".conv.conv.weight")) {
            layers++;
        }
        int blocks = 0;
        while (state.containsKey("hid.enc." + blocks + ".block.norm1.weight")) {
            blocks++;
        }
        int stacked = (int) state.get("hid.enc.0.block.norm1.weight").shape()[0];
        TorchCheckpoint.Tensor reduction = state.get("hid.enc.0.reduction.weight");
        int temporal = reduction == null ? stacked : (int) reduction.shape()[0];
        double mlpRatio = (double) state.get("hid.enc.0.block.mlp.fc1.weight").shape()[0] / stacked;
        if (first[1] != frames.channels()) {
            throw new IOException(checkpoint + ": the encoder reads " + first[1] + "-channel frames, not "
                    + frames.channels() + ": check --img-channel");
        }
        if (stacked != spatial * frames.inputLength()) {
            throw new IOException(checkpoint + ": the translator stacks " + stacked / Math.max(1, spatial)
                    + " frames of " + spatial + " channels, so the model reads J = " + stacked / Math.max(1, spatial)
                    + " frames, not --input-length " + frames.inputLength());
        }
        boolean tau = state.containsKey("hid.enc.0.block.attn.spatial_gating_unit.fc.0.weight");
        return new ModelSpec(
                (tau ? Architecture.TAU : Architecture.SIMVP).id(),
                frames.channels(),
                frames.width(),
                frames.width(),
                1,
                List.of(spatial, temporal),
                (int) first[2],
                false,
                false,
                false,
                frames.inputLength(),
                new TranslatorLayout(layers, blocks, mlpRatio));
    }

    /**
     * OpenSTL's SimVP names are Augur's; batch norm's step counters are dropped and per-channel vectors (norm scales
     * and shifts, layer scales) take Augur's [1, C, 1, 1] shape.
     */
    private static NDList translatorNames(Map<String, TorchCheckpoint.Tensor> state, NDManager manager) {
        NDList named = new NDList();
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : state.entrySet()) {
            String name = e.getKey();
            if (name.endsWith("num_batches_tracked")) {
                continue;
            }
            long[] shape = e.getValue().shape();
            if (PER_CHANNEL.matcher(name).matches()) {
                shape = new long[] {1, shape[0], 1, 1};
            }
            NDArray a = manager.create(e.getValue().values(), new Shape(shape));
            a.setName(name);
            named.add(a);
        }
        return named;
    }

    /** Upstream's names as Augur's: cell_list.L.conv_x.0 → stack.L.conv_x, .1 (its LayerNorm) → .norm. */
    private static NDList augurNames(
            Map<String, TorchCheckpoint.Tensor> state, ModelSpec spec, Path checkpoint, NDManager manager)
            throws IOException {
        if (spec.kind().usesTranslator()) {
            return translatorNames(state, manager);
        }
        int[] fromUpstream = upstreamChannelOfOurs(spec.channels(), spec.patch());
        Map<String, TorchCheckpoint.Tensor> ours = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        boolean convLstm = Architecture.of(spec.architecture()) == Architecture.CONVLSTM;
        boolean causal = Architecture.of(spec.architecture()) == Architecture.PREDRNN_PLUS;
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : state.entrySet()) {
            String name = e.getKey();
            TorchCheckpoint.Tensor t = e.getValue();
            Matcher m = CELL.matcher(name);
            Matcher h = HIGHWAY.matcher(name);
            if (m.matches()) {
                String layer = "stack." + m.group(1) + "." + m.group(2);
                if (m.group(1).equals("0") && m.group(2).equals("conv_x") && !"1".equals(m.group(3))) {
                    t = permute(t, 1, fromUpstream);
                }
                if ((convLstm && (m.group(2).equals("conv_o") || m.group(2).equals("conv_last")))
                        || (causal && m.group(2).equals("conv_o"))) {
                    continue; // OpenSTL's cells hold them, their forward passes never use them
                }
                ours.put("1".equals(m.group(3)) ? layer + ".norm." + m.group(4) : layer + "." + m.group(4), t);
            } else if (h.matches()) {
                // PredRNN++'s gradient highway sits between layers 0 and 1: Augur keeps it in layer 1's cell
                String unit = "stack.1.highway." + h.group(1);
                ours.put("1".equals(h.group(2)) ? unit + ".norm." + h.group(3) : unit + "." + h.group(3), t);
            } else if (name.equals("conv_last.weight")) {
                ours.put("decoder.weight", permute(t, 0, fromUpstream));
            } else if (!name.startsWith("adapter.")) { // PredRNN-V2's decoupling adapter: its training loss only
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IOException(checkpoint + ": weights a " + describe(spec) + " does not have: " + unknown);
        }
        if (convLstm) {
            ours = joinedGates(ours, spec.hidden().size());
        }
        NDList named = new NDList();
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : ours.entrySet()) {
            NDArray a =
                    manager.create(e.getValue().values(), new Shape(e.getValue().shape()));
            a.setName(e.getKey());
            named.add(a);
        }
        return named;
    }

    /** OpenSTL's separate, bias-free convolutions of X and H as Augur's one convolution of [X, H] with a zero bias. */
    private static Map<String, TorchCheckpoint.Tensor> joinedGates(
            Map<String, TorchCheckpoint.Tensor> split, int layers) {
        Map<String, TorchCheckpoint.Tensor> joined = new LinkedHashMap<>();
        for (int l = 0; l < layers; l++) {
            TorchCheckpoint.Tensor x = split.remove("stack." + l + ".conv_x.weight");
            TorchCheckpoint.Tensor h = split.remove("stack." + l + ".conv_h.weight");
            long[] xs = x.shape();
            long[] hs = h.shape();
            int out = (int) xs[0];
            int xIn = (int) (xs[1] * xs[2] * xs[3]);
            int hIn = (int) (hs[1] * hs[2] * hs[3]);
            float[] w = new float[out * (xIn + hIn)];
            for (int o = 0; o < out; o++) {
                System.arraycopy(x.values(), o * xIn, w, o * (xIn + hIn), xIn);
                System.arraycopy(h.values(), o * hIn, w, o * (xIn + hIn) + xIn, hIn);
            }
            joined.put(
                    "stack." + l + ".conv.weight",
                    new TorchCheckpoint.Tensor(new long[] {out, xs[1] + hs[1], xs[2], xs[3]}, w));
            joined.put("stack." + l + ".conv.bias", new TorchCheckpoint.Tensor(new long[] {out}, new float[out]));
        }
        joined.putAll(split);
        return joined;
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
