package dev.augur.behavior;

import dev.augur.io.Sha256;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One video of tracked mice in the form every reader produces and every model reads: keypoints [T, mice, parts, 2]
 * (x, y in the unit {@code unit} names), their confidences [T, mice, parts], and per frame the behaviour of the
 * agent towards the target as an index into {@code vocabulary} (−1 where the frame has no label). {@code labelled}
 * says which behaviours this video's annotators looked for: a behaviour they did not label is unknown in this video,
 * never "other", and is masked out of loss and metrics.
 *
 * @param agent   index of the mouse whose behaviour is labelled
 * @param target  index of the mouse it is directed at
 * @param repairs what the reader changed, counted (never silent)
 */
public record PoseVideo(
        String id,
        double fps,
        String unit,
        int frames,
        int mice,
        List<String> parts,
        float[] keypoints,
        float[] confidence,
        int agent,
        int target,
        int[] labels,
        List<String> vocabulary,
        boolean[] labelled,
        Repairs repairs) {

    /**
     * What a reader repaired: keypoints (one per mouse, part and frame) filled in where the tracker lost them, body
     * parts a video never tracked that were stood in for by others (per mouse), and frames whose label named a
     * behaviour outside the vocabulary (left unlabelled).
     */
    public record Repairs(int interpolatedKeypoints, int substitutedParts, int unlabelledFrames) {
        public static Repairs none() {
            return new Repairs(0, 0, 0);
        }

        public Repairs plus(Repairs o) {
            return new Repairs(
                    interpolatedKeypoints + o.interpolatedKeypoints,
                    substitutedParts + o.substitutedParts,
                    unlabelledFrames + o.unlabelledFrames);
        }
    }

    public PoseVideo {
        if (frames < 1 || mice < 2) {
            throw new IllegalArgumentException(
                    id + ": need at least one frame and two mice, got " + frames + " frames, " + mice + " mice");
        }
        if (keypoints.length != frames * mice * parts.size() * 2 || confidence.length != frames * mice * parts.size()) {
            throw new IllegalArgumentException(id + ": keypoints must be [" + frames + ", " + mice + ", " + parts.size()
                    + ", 2] and confidences [" + frames + ", " + mice + ", " + parts.size() + "]");
        }
        if (labels.length != frames) {
            throw new IllegalArgumentException(id + ": " + labels.length + " labels for " + frames + " frames");
        }
        if (labelled.length != vocabulary.size()) {
            throw new IllegalArgumentException(id + ": the labelled-behaviour mask must cover the vocabulary");
        }
        if (agent == target || agent < 0 || target < 0 || agent >= mice || target >= mice) {
            throw new IllegalArgumentException(
                    id + ": agent " + agent + " and target " + target + " must be two of " + mice + " mice");
        }
        for (int t = 0; t < frames; t++) {
            if (labels[t] < -1 || labels[t] >= vocabulary.size()) {
                throw new IllegalArgumentException(id + ": frame " + t + " has label " + labels[t] + ", outside the "
                        + vocabulary.size() + "-behaviour vocabulary " + vocabulary);
            }
        }
        parts = List.copyOf(parts);
        vocabulary = List.copyOf(vocabulary);
    }

    /** x (axis 0) or y (axis 1) of {@code part} of {@code mouse} at frame {@code t}. */
    public float coordinate(int t, int mouse, int part, int axis) {
        return keypoints[((t * mice + mouse) * parts.size() + part) * 2 + axis];
    }

    /**
     * "id:sha256-prefix" of the keypoints, confidences and labels: a resumed run recognises its videos by content,
     * not by name alone.
     */
    public String fingerprint() {
        ByteBuffer b = ByteBuffer.allocate(4 * (keypoints.length + confidence.length + labels.length));
        b.asFloatBuffer().put(keypoints).put(confidence);
        b.position(4 * (keypoints.length + confidence.length));
        b.asIntBuffer().put(labels);
        return id + ":" + Sha256.of(b.array()).substring(0, 16);
    }
}
