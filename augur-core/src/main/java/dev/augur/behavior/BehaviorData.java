package dev.augur.behavior;

import dev.augur.data.FeatureScaler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Videos ready for the keypoint classifiers: tracker gaps filled, the 48 features standardised with a scaler
 * fitted on training videos, and windows of W frames centred on any frame (frames past either end repeat the
 * first or last frame, so every frame can be labelled).
 */
public final class BehaviorData {
    private final List<PoseVideo> videos;
    private final List<float[]> features;
    private final List<String> vocabulary;

    private BehaviorData(List<PoseVideo> videos, List<float[]> features) {
        this.videos = List.copyOf(videos);
        this.features = List.copyOf(features);
        this.vocabulary = videos.get(0).vocabulary();
        for (PoseVideo v : videos) {
            if (!v.vocabulary().equals(vocabulary)) {
                throw new IllegalArgumentException(v.id() + ": vocabulary " + v.vocabulary() + " differs from "
                        + videos.get(0).id() + "'s " + vocabulary);
            }
        }
    }

    /** Features of {@code videos}, scaled by {@code scaler} (fitted on training videos; see {@link #fitScaler}). */
    public static BehaviorData of(List<PoseVideo> videos, FeatureScaler scaler) throws IOException {
        if (videos.isEmpty()) {
            throw new IllegalArgumentException("no videos");
        }
        List<PoseVideo> filled = new ArrayList<>();
        List<float[]> features = new ArrayList<>();
        for (PoseVideo v : videos) {
            PoseVideo f = KeypointGaps.filled(v);
            filled.add(f);
            features.add(scaler.apply(KeypointFeatures.of(f)));
        }
        return new BehaviorData(filled, features);
    }

    /** The scaler of the 48 features fitted on {@code training} videos alone. */
    public static FeatureScaler fitScaler(List<PoseVideo> training) throws IOException {
        List<float[]> raw = new ArrayList<>();
        for (PoseVideo v : training) {
            raw.add(KeypointFeatures.of(KeypointGaps.filled(v)));
        }
        return FeatureScaler.fit(raw, KeypointFeatures.COUNT);
    }

    public List<PoseVideo> videos() {
        return videos;
    }

    public List<String> vocabulary() {
        return vocabulary;
    }

    public PoseVideo video(int v) {
        return videos.get(v);
    }

    /** The window of {@code window} frames around frame {@code centre} + {@code shift} of video {@code v}, [W, 48]. */
    public void window(int v, int centre, int window, int shift, float[] out, int offset) {
        float[] f = features.get(v);
        int frames = videos.get(v).frames();
        int width = KeypointFeatures.COUNT;
        int first = centre + shift - window / 2;
        for (int k = 0; k < window; k++) {
            int t = Math.max(0, Math.min(frames - 1, first + k));
            System.arraycopy(f, t * width, out, offset + k * width, width);
        }
    }

    /** 1 for the behaviours video {@code v} labelled, 0 for the rest. */
    public float[] allowed(int v) {
        boolean[] l = videos.get(v).labelled();
        float[] out = new float[l.length];
        for (int c = 0; c < l.length; c++) {
            out[c] = l[c] ? 1f : 0f;
        }
        return out;
    }

    /** Every (video, frame) with a known label, as pairs. */
    public List<int[]> labelledFrames() {
        List<int[]> out = new ArrayList<>();
        for (int v = 0; v < videos.size(); v++) {
            int[] labels = videos.get(v).labels();
            for (int t = 0; t < labels.length; t++) {
                if (labels[t] >= 0) {
                    out.add(new int[] {v, t});
                }
            }
        }
        return out;
    }

    /** Share of labelled frames per class over these videos. */
    public double[] classShares() {
        double[] counts = new double[vocabulary.size()];
        double total = 0;
        for (PoseVideo v : videos) {
            for (int l : v.labels()) {
                if (l >= 0) {
                    counts[l]++;
                    total++;
                }
            }
        }
        for (int c = 0; c < counts.length; c++) {
            counts[c] /= Math.max(1, total);
        }
        return counts;
    }
}
