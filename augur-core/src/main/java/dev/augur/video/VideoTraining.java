package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.train.Checkpoint;
import dev.augur.train.ModelBundle;
import dev.augur.train.ProgressListener;
import dev.augur.train.RunSettings;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Trains one video predictor into a run folder: {@code checkpoint.npz} while it trains (resumable),
 * {@code losses.csv}, and the saved bundle in {@code model/} when it has finished.
 */
public final class VideoTraining {
    private final VideoData data;
    private final ModelSpec spec;
    private final FramePredictionConfig config;
    private final Path out;
    private final ProgressListener listener;
    private volatile TrainingLoop loop;
    private volatile boolean stopRequested;
    private AfterStep hook = (step, model) -> true;
    private Path initialWeights;

    /**
     * Work done between training steps with the live model (periodic tests, snapshots, a time budget): it runs
     * after step {@code step}, after that step's checkpoint if one was due, and returns false to end the run there
     * as finished ({@link TrainingLoop.AfterStep}).
     */
    @FunctionalInterface
    public interface AfterStep {
        boolean proceed(long step, FramePredictor model) throws IOException;
    }

    public VideoTraining(
            VideoData data, ModelSpec spec, FramePredictionConfig config, Path out, ProgressListener listener) {
        this.data = data;
        this.spec = spec;
        this.config = config;
        this.out = out;
        this.listener = listener;
    }

    public VideoTraining afterStep(AfterStep h) {
        this.hook = h;
        return this;
    }

    /**
     * Starts a fresh run from the weights of a saved bundle instead of random ones (fine-tuning, e.g. with
     * residual links switched on); the bundle's network must have the same weights as {@code spec}'s.
     */
    public VideoTraining startingFrom(Path bundle) {
        this.initialWeights = bundle;
        return this;
    }

    public Path checkpoint() {
        return out.resolve("checkpoint.npz");
    }

    public Path bundle() {
        return out.resolve("model");
    }

    /** Stops after the current step, with a checkpoint; safe from a shutdown hook. */
    public void requestStop() {
        stopRequested = true;
        TrainingLoop l = loop;
        if (l != null) {
            l.requestStop();
        }
    }

    public TrainingLoop.Result run(boolean resume) throws IOException {
        Checkpoint.refuseOverwrite(checkpoint(), resume);
        Files.createDirectories(out);
        checkSettings(resume);
        try (NDManager manager = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec, manager, config.seed())) {
            if (initialWeights != null && !(resume && Files.exists(checkpoint()))) {
                ModelBundle.read(initialWeights, VideoModels.TASK).loadWeights(model.weights());
            }
            TrainingLoop l = new TrainingLoop(
                            model.weights(),
                            new FramePredictionObjective(model, data.source(), config),
                            config.loop(),
                            checkpoint(),
                            listener)
                    .afterStep((step, loss) -> hook.proceed(step, model));
            loop = l;
            if (stopRequested) {
                l.requestStop();
            }
            TrainingLoop.Result result = l.run(resume);
            writeLosses(result.losses());
            if (!result.stopped()) {
                VideoModels.save(bundle(), model, config, data);
            }
            return result;
        }
    }

    /** What a checkpoint was made with; resuming with other settings (but a longer run) would mix two runs. */
    record VideoRun(ModelSpec model, FramePredictionConfig training, VideoData data) {}

    private void checkSettings(boolean resume) throws IOException {
        RunSettings.record(
                out, new VideoRun(spec, config, data), resume && Files.exists(checkpoint()), Set.of("training.steps"));
    }

    private void writeLosses(float[] losses) throws IOException {
        StringBuilder b = new StringBuilder("step,loss\n");
        for (int i = 0; i < losses.length; i++) {
            b.append(i + 1)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.6g", losses[i]))
                    .append('\n');
        }
        AtomicFiles.writeString(out.resolve("losses.csv"), b.toString());
    }
}
