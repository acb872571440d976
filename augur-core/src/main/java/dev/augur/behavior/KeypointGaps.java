package dev.augur.behavior;

import java.io.IOException;

/**
 * Fills keypoints a tracker lost (NaN): linearly between the nearest frames that have the keypoint, held at the
 * first or last known position at the ends. A keypoint lost in every frame cannot be filled: an error.
 */
public final class KeypointGaps {
    private KeypointGaps() {}

    /** {@code keypoints} is [T, points, 2] (points = mice × parts); fills it in place and counts the repairs. */
    public static PoseVideo.Repairs fill(float[] keypoints, int frames, int points, String where) throws IOException {
        int filled = 0;
        for (int p = 0; p < points; p++) {
            for (int axis = 0; axis < 2; axis++) {
                int last = -1;
                for (int t = 0; t < frames; t++) {
                    float v = keypoints[(t * points + p) * 2 + axis];
                    if (Float.isNaN(v)) {
                        continue;
                    }
                    int from = last < 0 ? 0 : last + 1;
                    for (int g = from; g < t; g++) {
                        float a = last < 0 ? v : keypoints[(last * points + p) * 2 + axis];
                        float w = last < 0 ? 1 : (float) (g - last) / (t - last);
                        keypoints[(g * points + p) * 2 + axis] = a + w * (v - a);
                        filled += axis == 0 ? 1 : 0;
                    }
                    last = t;
                }
                if (last < 0) {
                    throw new IOException(where + ": keypoint " + p + " is missing in every frame (nothing to "
                            + "interpolate from)");
                }
                for (int g = last + 1; g < frames; g++) {
                    keypoints[(g * points + p) * 2 + axis] = keypoints[(last * points + p) * 2 + axis];
                    filled += axis == 0 ? 1 : 0;
                }
            }
        }
        return new PoseVideo.Repairs(filled, 0, 0);
    }

    /** {@code video} with its lost keypoints filled, the repairs added to those already counted. */
    public static PoseVideo filled(PoseVideo video) throws IOException {
        float[] k = video.keypoints().clone();
        PoseVideo.Repairs r =
                fill(k, video.frames(), video.mice() * video.parts().size(), video.id());
        return new PoseVideo(
                video.id(),
                video.fps(),
                video.unit(),
                video.frames(),
                video.mice(),
                video.parts(),
                k,
                video.confidence(),
                video.agent(),
                video.target(),
                video.labels(),
                video.vocabulary(),
                video.labelled(),
                video.repairs().plus(r));
    }
}
