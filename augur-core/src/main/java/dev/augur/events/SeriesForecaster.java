package dev.augur.events;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.data.FeatureScaler;
import dev.augur.eval.PlattScaling;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A saved forecaster of per-frame series: the probability, for every frame t with a full window behind it, that
 * a burst starts within the horizon, from rows t − W … t − 1 of the series' input columns.
 */
public final class SeriesForecaster implements AutoCloseable {
    public static final String TASK = "bursts-series";
    private static final int BATCH = 1024;
    private final SequenceClassifier model;
    private final SeriesModel info;

    /**
     * The bundle's model section. Thresholds and the Platt map were chosen on the validation series.
     *
     * @param inputs            the input columns, in order (motion_energy first)
     * @param scaler            standardisation fitted on the training series
     * @param alertThreshold    the raw probability at which it alerts (validation Youden point)
     * @param baselineThreshold the seed's baseline's validation Youden point, for operating points beside it
     * @param step              the training step whose weights were kept (best validation ROC-AUC)
     */
    public record SeriesModel(
            SequenceClassifier.Spec spec,
            List<String> inputs,
            FeatureScaler scaler,
            double alertThreshold,
            PlattScaling calibration,
            double baselineThreshold,
            SeriesExperiment.Settings settings,
            long step,
            double validationAuc,
            String name) {}

    SeriesForecaster(SequenceClassifier model, SeriesModel info) {
        this.model = model;
        this.info = info;
    }

    public static SeriesForecaster load(Path bundleDir, NDManager manager) throws IOException {
        ModelBundle bundle = ModelBundle.read(bundleDir, TASK);
        SeriesModel info = bundle.section("model", SeriesModel.class);
        SequenceClassifier model = SequenceClassifier.create(info.spec(), manager, 0);
        return new SeriesForecaster(bundle.loadWeights(model.weights(), model), info);
    }

    public SeriesModel info() {
        return info;
    }

    public int window() {
        return info.spec().window();
    }

    /** Raw probabilities for every frame of {@code series}; NaN for the first W frames. */
    public double[] probabilities(BurstSeries series) {
        SeriesWindows w = new SeriesWindows(series, info.inputs(), info.scaler());
        int[] ts = IntStream.rangeClosed(window(), series.length() - 1).toArray();
        double[] out = new double[series.length()];
        Arrays.fill(out, Double.NaN);
        double[] p = probabilities(model, w, ts);
        for (int i = 0; i < ts.length; i++) {
            out[ts[i]] = p[i];
        }
        return out;
    }

    static double[] probabilities(SequenceClassifier model, SeriesWindows w, int[] ts) {
        double[] out = new double[ts.length];
        int window = model.spec().window();
        int f = model.spec().features();
        for (int from = 0; from < ts.length; from += BATCH) {
            int[] part = Arrays.copyOfRange(ts, from, Math.min(ts.length, from + BATCH));
            try (NDManager m = model.weights().parent().newSubManager()) {
                float[] logits = model.logits(
                                m.create(w.windows(part, window), new Shape(part.length, window, f)), false)
                        .toFloatArray();
                for (int i = 0; i < logits.length; i++) {
                    out[from + i] = 1 / (1 + Math.exp(-logits[i]));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
