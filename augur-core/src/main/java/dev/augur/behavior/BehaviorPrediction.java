package dev.augur.behavior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.eval.ClassificationScores;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ClassificationLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * Labels every frame of a video: the window centred on each frame (stride 1) goes through the classifier, and the
 * softmax over the behaviours the video labelled gives the frame's class probabilities.
 */
public final class BehaviorPrediction {
    private static final int BATCH = 256;

    private BehaviorPrediction() {}

    /** [T, C] class probabilities of every frame of video {@code v}. */
    public static float[] probabilities(SequenceClassifier model, BehaviorData data, int v, NDManager manager) {
        int frames = data.video(v).frames();
        int w = model.spec().window();
        int width = KeypointFeatures.COUNT;
        int classes = data.vocabulary().size();
        float[] out = new float[frames * classes];
        float[] allowedRow = data.allowed(v);
        for (int from = 0; from < frames; from += BATCH) {
            int n = Math.min(BATCH, frames - from);
            float[] x = new float[n * w * width];
            float[] allowed = new float[n * classes];
            for (int i = 0; i < n; i++) {
                data.window(v, from + i, w, 0, x, i * w * width);
                System.arraycopy(allowedRow, 0, allowed, i * classes, classes);
            }
            try (NDManager m = manager.newSubManager()) {
                NDArray logits = model.logits(m.create(x, new Shape(n, w, width)), false);
                NDArray p = ClassificationLoss.maskLogits(logits, m.create(allowed, new Shape(n, classes))).softmax(1);
                System.arraycopy(p.toFloatArray(), 0, out, from * classes, n * classes);
            }
        }
        return out;
    }

    /** Scores of every labelled frame of every video in {@code data}. */
    public static ClassificationScores.Report evaluate(SequenceClassifier model, BehaviorData data, String other,
                                                       NDManager manager) {
        int classes = data.vocabulary().size();
        List<float[]> probs = new ArrayList<>();
        int total = 0;
        for (int v = 0; v < data.videos().size(); v++) {
            probs.add(probabilities(model, data, v, manager));
            total += data.video(v).frames();
        }
        int[] labels = new int[total];
        float[] p = new float[total * classes];
        boolean[] allowed = new boolean[total * classes];
        int at = 0;
        for (int v = 0; v < data.videos().size(); v++) {
            PoseVideo video = data.video(v);
            System.arraycopy(video.labels(), 0, labels, at, video.frames());
            System.arraycopy(probs.get(v), 0, p, at * classes, video.frames() * classes);
            for (int t = 0; t < video.frames(); t++) {
                System.arraycopy(video.labelled(), 0, allowed, (at + t) * classes, classes);
            }
            at += video.frames();
        }
        return ClassificationScores.of(data.vocabulary(), labels, p, allowed, other);
    }

    /** The most probable behaviour of every frame. */
    public static int[] labels(float[] probabilities, int classes) {
        int frames = probabilities.length / classes;
        int[] out = new int[frames];
        for (int t = 0; t < frames; t++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[t * classes + c] > probabilities[t * classes + best]) {
                    best = c;
                }
            }
            out[t] = best;
        }
        return out;
    }
}
