package dev.augur.data;

import java.util.List;

/**
 * Per-feature standardisation (x − mean) / sd, with mean and sd fitted on the training videos only, so that
 * nothing of the validation or test videos leaks into the model's inputs. A constant feature keeps sd 1.
 */
public record FeatureScaler(double[] mean, double[] sd) {
    public FeatureScaler {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("mean and sd must cover the same features");
        }
    }

    /** Fits on feature matrices [T, width] of the training videos. */
    public static FeatureScaler fit(List<float[]> training, int width) {
        double[] sum = new double[width];
        double[] sq = new double[width];
        long n = 0;
        for (float[] f : training) {
            if (f.length % width != 0) {
                throw new IllegalArgumentException("feature rows must have " + width + " values");
            }
            for (int i = 0; i < f.length; i++) {
                sum[i % width] += f[i];
                sq[i % width] += (double) f[i] * f[i];
            }
            n += f.length / width;
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least two training frames to fit the feature scaling");
        }
        double[] mean = new double[width];
        double[] sd = new double[width];
        for (int j = 0; j < width; j++) {
            mean[j] = sum[j] / n;
            double var = Math.max(0, sq[j] / n - mean[j] * mean[j]);
            sd[j] = var > 1e-12 ? Math.sqrt(var) : 1;
        }
        return new FeatureScaler(mean, sd);
    }

    /** A standardised copy of {@code features} [T, width]. */
    public float[] apply(float[] features) {
        int width = mean.length;
        float[] out = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            int j = i % width;
            out[i] = (float) ((features[i] - mean[j]) / sd[j]);
        }
        return out;
    }
}
