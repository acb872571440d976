package dev.augur.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.augur.nn.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one training loop: per step a fresh sub-manager (so memory does not grow), forward and backward,
 * clipping by global gradient norm, Adam, and an atomic checkpoint every N steps, at the end and when asked to
 * stop. Batches and masks depend only on (seed, step), so a run resumed from a checkpoint retraces exactly the
 * steps an uninterrupted run would have taken. One hook runs after each step (and after that step's checkpoint,
 * if one was due): validation, snapshots, early stopping.
 */
public final class TrainingLoop {
    private final Weights weights;
    private final Objective objective;
    private final LoopConfig config;
    private final Path checkpoint;
    private final ProgressListener listener;
    private volatile boolean stopRequested;
    private AfterStep hook = (step, loss) -> true;

    public TrainingLoop(
            Weights weights, Objective objective, LoopConfig config, Path checkpoint, ProgressListener listener) {
        this.weights = weights;
        this.objective = objective;
        this.config = config;
        this.checkpoint = checkpoint;
        this.listener = listener;
    }

    /**
     * Work between steps with the live weights: it runs after step {@code step} (its checkpoint, if due, already
     * written), may read and write files, and returns false to end the run there (early stopping).
     */
    @FunctionalInterface
    public interface AfterStep {
        boolean proceed(long step, float loss) throws IOException;
    }

    /** The loop, stopped (with a checkpoint) when {@code stop} is requested. */
    public TrainingLoop stoppedBy(StopRequest stop) {
        stop.attach(this);
        return this;
    }

    /** The loop with {@code hook} run after every step. */
    public TrainingLoop afterStep(AfterStep hook) {
        this.hook = hook;
        return this;
    }

    /**
     * Outcome of a run: losses of every step since step 0, whether it stopped early on request ({@code stopped}:
     * the run is unfinished and can be resumed) and whether its hook ended it ({@code ended}: finished early).
     */
    public record Result(long steps, float[] losses, boolean stopped, boolean ended) {
        public float finalLoss() {
            return losses.length == 0 ? Float.NaN : losses[losses.length - 1];
        }
    }

    /** Asks the loop to stop after the current step and write a checkpoint (safe from any thread). */
    public void requestStop() {
        stopRequested = true;
    }

    public Result run(boolean resume) throws IOException {
        Checkpoint.refuseOverwrite(checkpoint, resume);
        try (Adam adam = new Adam(weights.parent(), weights.arrays(), config.learningRate())) {
            long first = 0;
            List<Float> losses = new ArrayList<>();
            if (resume && Files.exists(checkpoint)) {
                Checkpoint.Restored r = Checkpoint.restore(checkpoint, weights, adam);
                first = r.step();
                for (float l : r.losses()) {
                    losses.add(l);
                }
            }
            listener.started(first, config.steps());
            long step = first;
            long saved = -1;
            boolean ended = false;
            while (step < config.steps() && !stopRequested && !ended) {
                float loss = step(adam, step);
                losses.add(loss);
                step++;
                listener.stepped(step, config.steps(), loss);
                if (step % config.checkpointEvery() == 0 || step == config.steps()) {
                    save(adam, step, losses);
                    saved = step;
                }
                ended = !hook.proceed(step, loss);
            }
            if (saved != step) {
                save(adam, step, losses); // stopped, ended early, or nothing left to do
            }
            listener.finished();
            float[] all = new float[losses.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = losses.get(i);
            }
            return new Result(step, all, step < config.steps() && !ended, ended);
        }
    }

    private float step(Adam adam, long step) {
        NDManager root = weights.parent();
        try (NDManager m = root.newSubManager()) {
            float loss;
            try (GradientCollector collector = root.getEngine().newGradientCollector()) {
                NDArray l = objective.loss(m, step);
                collector.backward(l);
                loss = l.getFloat();
            }
            if (!Float.isFinite(loss)) {
                throw new IllegalStateException("loss is " + loss + " at step " + step
                        + ": check the data for NaN and lower the learning rate");
            }
            List<NDArray> grads = new ArrayList<>();
            for (NDArray w : weights.arrays()) {
                NDArray g = w.getGradient();
                g.attach(m);
                grads.add(g);
            }
            adam.update(weights.arrays(), grads, globalNormScale(grads, config.clipNorm()));
            for (NDArray g : grads) {
                g.muli(0f);
            }
            return loss;
        }
    }

    /** The factor that brings the global gradient norm down to the limit (Pascanu et al. 2013), or 1. */
    static float globalNormScale(List<NDArray> grads, double limit) {
        if (limit <= 0) {
            return 1f;
        }
        double sq = 0;
        for (NDArray g : grads) {
            sq += g.square().sum().getFloat();
        }
        double norm = Math.sqrt(sq);
        return norm > limit ? (float) (limit / (norm + 1e-6)) : 1f;
    }

    private void save(Adam adam, long step, List<Float> losses) throws IOException {
        float[] all = new float[losses.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = losses.get(i);
        }
        Checkpoint.save(checkpoint, weights, adam, step, Arrays.copyOf(all, all.length));
        listener.checkpointed(step, checkpoint);
    }
}
