package dev.augur.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.io.TorchCheckpoint;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.train.ScheduledSampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model trained with thuml/predrnn-pytorch brought into an Augur bundle: its {@code model.ckpt-N}
 * ({@code {'net_param': state_dict}}, read by {@link TorchCheckpoint} without running anything) for PredRNN's
 * ST-LSTM stack. Layers, hidden sizes, filter size, layer norm and patch size are read from the weights' shapes;
 * the frame size, channels and input length are what the checkpoint cannot say.
 */
public final class CheckpointImport {
    private static final Pattern CELL =
            Pattern.compile("cell_list\\.(\\d+)\\.(conv_[a-z]+)(?:\\.([01]))?\\.(weight|bias)");

    private CheckpointImport() {}

    /** What the user tells: the frames the model was trained on and the test set it will be scored on. */
    public record Frames(int channels, int width, int inputLength, int totalLength, Path testData) {}

    /** Reads {@code checkpoint} and writes the bundle {@code out}; returns the model's spec. */
    public static ModelSpec predRnnPytorch(Path checkpoint, Frames frames, Path out) throws IOException {
        Map<String, TorchCheckpoint.Tensor> state = TorchCheckpoint.stateDict(checkpoint, "net_param");
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
        if (frames.channels() > 1) {
            // predrnn-pytorch orders a patch's channels (row, column, channel); the weights would need permuting
            throw new IllegalArgumentException("--img-channel " + frames.channels() + ": only 1-channel predrnn-pytorch"
                    + " checkpoints are imported so far (their patch layout equals Augur's)");
        }
        boolean layerNorm = state.containsKey("cell_list.0.conv_x.1.weight");
        ModelSpec spec = new ModelSpec(
                "predrnn",
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
        try (NDManager scope = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec, scope, 0)) {
            model.weights().load(augurNames(state, checkpoint, scope), "", checkpoint.toString());
            FramePredictionConfig imported = new FramePredictionConfig(
                    1, 1, frames.totalLength(), 1e-3, "l2", 0, ScheduledSampling.off(), false, 0, 1);
            VideoModels.save(out, model, imported, VideoData.npz(frames.testData(), frames.testData(), 0));
        }
        return spec;
    }

    /** predrnn-pytorch's names as Augur's: cell_list.L.conv_x.0 → stack.L.conv_x, .1 (its LayerNorm) → .norm. */
    private static NDList augurNames(Map<String, TorchCheckpoint.Tensor> state, Path checkpoint, NDManager manager)
            throws IOException {
        NDList named = new NDList();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, TorchCheckpoint.Tensor> e : state.entrySet()) {
            String name = e.getKey();
            Matcher m = CELL.matcher(name);
            String ours;
            if (m.matches()) {
                String layer = "stack." + m.group(1) + "." + m.group(2);
                ours = "1".equals(m.group(3)) ? layer + ".norm." + m.group(4) : layer + "." + m.group(4);
            } else if (name.equals("conv_last.weight")) {
                ours = "decoder.weight";
            } else if (name.startsWith("adapter.")) {
                continue; // PredRNN-V2's decoupling adapter: used by its training loss only
            } else {
                unknown.add(name);
                continue;
            }
            NDArray a =
                    manager.create(e.getValue().values(), new Shape(e.getValue().shape()));
            a.setName(ours);
            named.add(a);
        }
        if (!unknown.isEmpty()) {
            throw new IOException(checkpoint + ": weights a PredRNN (ST-LSTM) stack does not have: " + unknown);
        }
        return named;
    }
}
