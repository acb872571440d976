package dev.augur.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.eval.Bootstrap;
import dev.augur.eval.FrameMetrics;
import dev.augur.nn.FramePredictor;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores predictors on one fixed test set, always beside copy-last-frame. Every model sees the same targets
 * (frames J…J+K−1 of each sequence, J the longest context asked for) and reads only the last frames of the
 * context that it takes (the ConvLSTM 5, the convolutional baseline 1).
 */
public final class VideoEvaluation {
    public static final String COPY_LAST_FRAME = "copy-last-frame";
    private static final int BATCH = 100;

    private VideoEvaluation() {}

    /** A named predictor; a null model means copy-last-frame. */
    public record Candidate(String name, FramePredictor model) {}

    public static List<FrameMetrics.Summary> evaluate(
            List<Candidate> candidates, Clips test, int context, int future, NDManager manager) {
        return evaluate(candidates, test, context, future, new double[0], manager);
    }

    /** As above, also counting CSI/POD/FAR at {@code thresholds} (radar echoes). */
    public static List<FrameMetrics.Summary> evaluate(
            List<Candidate> candidates, Clips test, int context, int future, double[] thresholds, NDManager manager) {
        if (test.length() < context + future) {
            throw new IllegalArgumentException(
                    "test sequences have " + test.length() + " frames, need " + (context + future));
        }
        List<Candidate> all = new ArrayList<>();
        all.add(new Candidate(COPY_LAST_FRAME, null));
        all.addAll(candidates);
        List<FrameMetrics.Summary> out = new ArrayList<>();
        Clips truth = test.frames(context, context + future);
        for (Candidate c : all) {
            if (c.model() != null && c.model().spec().inputLength() > context) {
                throw new IllegalArgumentException(c.name() + " reads "
                        + c.model().spec().inputLength() + " frames but the test context has " + context);
            }
            FrameMetrics metrics = new FrameMetrics(future, test.channels(), test.height(), test.width(), thresholds);
            for (int from = 0; from < test.count(); from += BATCH) {
                int to = Math.min(test.count(), from + BATCH);
                Clips ctx = test.sequences(from, to).frames(0, context);
                float[] predicted = predict(c.model(), ctx, future, manager);
                metrics.add(truth.sequences(from, to).data(), predicted, to - from);
            }
            out.add(metrics.summarise(c.name(), Bootstrap.standard()));
        }
        return out;
    }

    /** K predicted frames after each context sequence, laid out [N, K, C, H, W]; null model = copy last frame. */
    public static float[] predict(FramePredictor model, Clips context, int future, NDManager manager) {
        if (model == null) {
            Clips last = context.frames(context.length() - 1, context.length());
            int frame = context.frameSize();
            float[] out = new float[context.count() * future * frame];
            for (int s = 0; s < context.count(); s++) {
                for (int k = 0; k < future; k++) {
                    System.arraycopy(last.data(), s * frame, out, (s * future + k) * frame, frame);
                }
            }
            return out;
        }
        int batch = model.inferenceBatch();
        int size = future * context.frameSize();
        float[] out = new float[context.count() * size];
        for (int from = 0; from < context.count(); from += batch) {
            int to = Math.min(context.count(), from + batch);
            try (NDManager m = manager.newSubManager()) {
                NDArray predicted = model.predict(context.sequences(from, to).toArray(m), future);
                System.arraycopy(predicted.toFloatArray(), 0, out, from * size, (to - from) * size);
            }
        }
        return out;
    }
}
