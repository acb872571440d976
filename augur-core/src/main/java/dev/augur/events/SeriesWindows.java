package dev.augur.events;

import dev.augur.data.FeatureScaler;
import java.util.List;

/**
 * The input windows of a per-frame series forecaster: the forecast for frame t reads rows t − W … t − 1 of every
 * input column (ỹ[t − 1] is the last motion energy known once frame t is seen: it needs frames t − 1 and t),
 * standardised by a scaler fitted on the training series only.
 */
final class SeriesWindows {
    private final float[] rows; // [T, F], standardised
    private final int length;
    private final int features;

    SeriesWindows(BurstSeries series, List<String> inputs, FeatureScaler scaler) {
        if (!series.inputNames().equals(inputs)) {
            throw new IllegalArgumentException(
                    series.source() + ": has the input columns " + series.inputNames() + ", the model reads " + inputs);
        }
        this.length = series.length();
        this.features = inputs.size();
        this.rows = scaler.apply(raw(series));
    }

    /** The input columns as rows [T, F]. */
    static float[] raw(BurstSeries series) {
        int f = series.inputNames().size();
        float[] out = new float[series.length() * f];
        for (int j = 0; j < f; j++) {
            double[] col = series.input(j);
            for (int t = 0; t < col.length; t++) {
                out[t * f + j] = (float) col[t];
            }
        }
        return out;
    }

    static FeatureScaler fitScaler(List<BurstSeries> training) {
        return FeatureScaler.fit(
                training.stream().map(SeriesWindows::raw).toList(),
                training.get(0).inputNames().size());
    }

    int length() {
        return length;
    }

    /** Windows for frames {@code ts} (each ≥ W), [n, W, F]. */
    float[] windows(int[] ts, int window) {
        float[] out = new float[ts.length * window * features];
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] < window || ts[i] > length) {
                throw new IllegalArgumentException("frame " + ts[i] + " has no full " + window + "-frame window");
            }
            System.arraycopy(rows, (ts[i] - window) * features, out, i * window * features, window * features);
        }
        return out;
    }
}
