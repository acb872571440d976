package dev.augur.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.augur.data.NumpyFiles;
import dev.augur.nn.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One resumable training state in one .npz, written atomically: weights (w.*), Adam moments (m.*, v.*), the
 * number of steps done and every loss so far. A killed run resumes from the last one written.
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** What {@link #restore} read: steps done and the loss of each. */
    public record Restored(long step, float[] losses) {}

    /**
     * Refuses to start a fresh run over an earlier run's checkpoint: that would silently discard it. Called before
     * anything else is written into the run folder.
     */
    public static void refuseOverwrite(Path file, boolean resume) throws IOException {
        if (!resume && Files.exists(file)) {
            throw new IOException(file + ": a checkpoint from an earlier run is here; pass --resume to continue it or"
                    + " choose another output folder");
        }
    }

    public static void save(Path file, Weights weights, Adam adam, long step, float[] losses) throws IOException {
        try (NDManager m = weights.parent().newSubManager()) {
            NDList all = new NDList();
            all.addAll(weights.snapshot(m, "w."));
            all.addAll(adam.state(m, weights.names()));
            NDArray s = m.create(new long[] {step});
            s.setName("meta.step");
            all.add(s);
            NDArray l = m.create(losses.length == 0 ? new float[] {Float.NaN} : losses);
            l.setName("meta.losses");
            all.add(l);
            NumpyFiles.writeNpz(file, all);
        }
    }

    public static Restored restore(Path file, Weights weights, Adam adam) throws IOException {
        try (NDManager m = weights.parent().newSubManager()) {
            NDList all = NumpyFiles.read(m, file);
            NDArray step = all.get("meta.step");
            NDArray losses = all.get("meta.losses");
            if (step == null || losses == null) {
                throw new IOException(file + ": not an Augur checkpoint (no meta.step / meta.losses)");
            }
            long s = step.toLongArray()[0];
            weights.load(all, "w.", file.toString());
            adam.restore(all, weights.names(), s, file.toString());
            float[] l = s == 0 ? new float[0] : losses.toFloatArray();
            if (l.length != s) {
                throw new IOException(file + ": holds " + l.length + " losses for " + s + " steps");
            }
            return new Restored(s, l);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** A user's {@code --resume} with nothing to resume from is an error naming the file, not a silent fresh start. */
    public static void requireForResume(Path checkpoint) throws NoSuchFileException {
        if (!Files.exists(checkpoint)) {
            throw new NoSuchFileException(
                    checkpoint.toString(),
                    null,
                    "--resume was given, but there is no checkpoint to continue from (run without --resume to start)");
        }
    }
}
