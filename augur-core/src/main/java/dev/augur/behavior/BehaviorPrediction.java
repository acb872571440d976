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
 * softmax over the behaviours the video labelled gives the frame's class probabilities. Logit adjustment (Menon et
 * al. 2021): a network trained with class weights α learns to favour class c by a factor α_c (the minimiser of a
 * weighted loss is argmax α_c·p(c|x)), so subtracting log α_c from its logits gives back probabilities of the
 * data's own class balance. Without it, seed 004's α ∝ 1/frequency pushes "other" (68% of frames) below every
 * rare class.
 */
public final class BehaviorPrediction {
    private static final int BATCH = 256;

    private BehaviorPrediction() {}

    /** [T, C] class probabilities of every frame of video {@code v}, as the network gives them. */
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
                NDArray p = ClassificationLoss.maskLogits(logits, m.create(allowed, new Shape(n, classes)))
                        .softmax(1);
                System.arraycopy(p.toFloatArray(), 0, out, from * classes, n * classes);
            }
        }
        return out;
    }

    /**
     * Logit adjustment of strength τ: p_c·α_c^−τ, renormalised per frame (the same as subtracting τ·log α_c from the
     * logits before the softmax). τ = 0 leaves the probabilities as they are.
     */
    public static float[] adjust(float[] probabilities, float[] classWeights, double tau) {
        if (classWeights == null || tau == 0) {
            return probabilities;
        }
        int classes = classWeights.length;
        float[] out = new float[probabilities.length];
        for (int t = 0; t < probabilities.length / classes; t++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double q = probabilities[t * classes + c] * Math.pow(Math.max(classWeights[c], 1e-6), -tau);
                out[t * classes + c] = (float) q;
                sum += q;
            }
            for (int c = 0; c < classes; c++) {
                out[t * classes + c] = sum > 0 ? (float) (out[t * classes + c] / sum) : 0f;
            }
        }
        return out;
    }

    /** Scores of every labelled frame of every video in {@code data}, given each video's probabilities. */
    public static ClassificationScores.Report scores(BehaviorData data, List<float[]> probabilities, String other) {
        int classes = data.vocabulary().size();
        int total = 0;
        for (int v = 0; v < data.videos().size(); v++) {
            total += data.video(v).frames();
        }
        int[] labels = new int[total];
        float[] p = new float[total * classes];
        boolean[] allowed = new boolean[total * classes];
        int at = 0;
        for (int v = 0; v < data.videos().size(); v++) {
            PoseVideo video = data.video(v);
            System.arraycopy(video.labels(), 0, labels, at, video.frames());
            System.arraycopy(probabilities.get(v), 0, p, at * classes, video.frames() * classes);
            for (int t = 0; t < video.frames(); t++) {
                System.arraycopy(video.labelled(), 0, allowed, (at + t) * classes, classes);
            }
            at += video.frames();
        }
        return ClassificationScores.of(data.vocabulary(), labels, p, allowed, other);
    }

    /** The network's probabilities of every video in {@code data}. */
    public static List<float[]> probabilities(SequenceClassifier model, BehaviorData data, NDManager manager) {
        List<float[]> out = new ArrayList<>();
        for (int v = 0; v < data.videos().size(); v++) {
            out.add(probabilities(model, data, v, manager));
        }
        return out;
    }

    /** Scores after logit adjustment of strength {@code tau} with {@code classWeights} (null or 0: none). */
    public static ClassificationScores.Report evaluate(
            SequenceClassifier model,
            BehaviorData data,
            String other,
            float[] classWeights,
            double tau,
            NDManager manager) {
        List<float[]> adjusted = new ArrayList<>();
        for (float[] p : probabilities(model, data, manager)) {
            adjusted.add(adjust(p, classWeights, tau));
        }
        return scores(data, adjusted, other);
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
