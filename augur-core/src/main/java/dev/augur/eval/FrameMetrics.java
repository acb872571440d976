package dev.augur.eval;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-future-step errors of predicted frames, accumulated per sequence so intervals can be drawn over
 * sequences. Conventions (PredRNN / OpenSTL): predictions are clipped to [0, 1]; "MSE per frame" and "MAE per
 * frame" are the squared and absolute errors summed over C·H·W; PSNR = −10·log10(mean squared error over the
 * frame's pixels) in dB, capped at 100 for a perfect frame; SSIM as {@link Ssim}; "cross-entropy per frame" (PredRNN
 * Table 1) is the binary cross-entropy −[y·ln p + (1−y)·ln(1−p)] summed over C·H·W, p clipped to [1e-7, 1−1e-7].
 */
public final class FrameMetrics {
    private static final double CE_EPS = 1e-7;
    private final int steps;
    private final int channels;
    private final int height;
    private final int width;
    private final List<double[][]> perSequence = new ArrayList<>(); // [metric][step]
    private final List<ThresholdScores> categorical = new ArrayList<>();

    public FrameMetrics(int steps, int channels, int height, int width) {
        this(steps, channels, height, width, new double[0]);
    }

    /** Also pools CSI/POD/FAR at each of {@code thresholds} (pixel intensities in [0, 1]) over every frame. */
    public FrameMetrics(int steps, int channels, int height, int width, double[] thresholds) {
        this.steps = steps;
        this.channels = channels;
        this.height = height;
        this.width = width;
        for (double t : thresholds) {
            categorical.add(new ThresholdScores(t));
        }
    }

    /** Metrics of one step. */
    public record Step(int step, Estimate mse, Estimate mae, Estimate psnr, Estimate ssim, Estimate crossEntropy) {}

    /**
     * Everything measured for one model; {@code msePerSequence} (each sequence's MSE per frame averaged over its
     * steps, in test-set order) feeds paired comparisons and is left out of JSON.
     */
    public record Summary(
            String model,
            int sequences,
            List<Step> steps,
            Estimate mse,
            Estimate ssim,
            List<ThresholdScores.Scores> thresholds,
            @JsonIgnore double[] msePerSequence) {}

    /** The mean over sequences of (a − b) in MSE per frame, with its paired bootstrap interval. */
    public record Difference(String model, String reference, Estimate mse) {}

    /** Paired difference of two summaries of the same test sequences. */
    public static Difference difference(Summary a, Summary b, Bootstrap bootstrap) {
        if (a.msePerSequence().length != b.msePerSequence().length) {
            throw new IllegalArgumentException(a.model() + " and " + b.model() + " were scored on different test sets");
        }
        double[] d = new double[a.msePerSequence().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.msePerSequence()[i] - b.msePerSequence()[i];
        }
        return new Difference(a.model(), b.model(), bootstrap.mean(d));
    }

    /** Adds {@code count} sequences of {@code steps} frames each, truth and prediction laid out alike. */
    public void add(float[] truth, float[] predicted, int count) {
        int frame = channels * height * width;
        if (truth.length != predicted.length || truth.length != count * steps * frame) {
            throw new IllegalArgumentException("truth (" + truth.length + ") and prediction (" + predicted.length
                    + ") must both hold " + count + "x" + steps + " frames of " + frame + " values");
        }
        for (int s = 0; s < count; s++) {
            double[][] m = new double[5][steps];
            for (int t = 0; t < steps; t++) {
                int off = (s * steps + t) * frame;
                float[] clipped = new float[frame];
                double se = 0, ae = 0, ce = 0;
                for (int i = 0; i < frame; i++) {
                    float p = Math.max(0f, Math.min(1f, predicted[off + i]));
                    clipped[i] = p;
                    double y = truth[off + i];
                    double d = p - y;
                    se += d * d;
                    ae += Math.abs(d);
                    double q = Math.min(1 - CE_EPS, Math.max(CE_EPS, p));
                    ce -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
                }
                m[0][t] = se;
                m[1][t] = ae;
                m[2][t] = se == 0 ? 100.0 : Math.min(100.0, -10 * Math.log10(se / frame));
                m[3][t] = Ssim.of(truth, off, clipped, 0, channels, height, width);
                m[4][t] = ce;
                for (ThresholdScores c : categorical) {
                    c.add(truth, off, clipped, 0, frame);
                }
            }
            perSequence.add(m);
        }
    }

    public int sequences() {
        return perSequence.size();
    }

    public Summary summarise(String model, Bootstrap bootstrap) {
        List<Step> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            out.add(new Step(
                    t + 1,
                    bootstrap.mean(column(0, t)),
                    bootstrap.mean(column(1, t)),
                    bootstrap.mean(column(2, t)),
                    bootstrap.mean(column(3, t)),
                    bootstrap.mean(column(4, t))));
        }
        double[] mse = overall(0);
        return new Summary(
                model,
                perSequence.size(),
                out,
                bootstrap.mean(mse),
                bootstrap.mean(overall(3)),
                categorical.stream().map(ThresholdScores::scores).toList(),
                mse);
    }

    private double[] column(int metric, int step) {
        double[] v = new double[perSequence.size()];
        for (int s = 0; s < v.length; s++) {
            v[s] = perSequence.get(s)[metric][step];
        }
        return v;
    }

    /** Per sequence, the metric averaged over all steps. */
    private double[] overall(int metric) {
        double[] v = new double[perSequence.size()];
        for (int s = 0; s < v.length; s++) {
            double sum = 0;
            for (double x : perSequence.get(s)[metric]) {
                sum += x;
            }
            v[s] = sum / steps;
        }
        return v;
    }
}
