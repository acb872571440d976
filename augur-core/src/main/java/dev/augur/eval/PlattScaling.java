package dev.augur.eval;

/**
 * Platt scaling (Platt 1999), fitted on held-out forecasts: calibrated p = σ(a·logit(p) + b), with a and b the
 * maximum-likelihood logistic fit to the labels (Newton's method on the two parameters, Platt's smoothed targets
 * (N₊+1)/(N₊+2) and 1/(N₋+2) against over-fitting a small block). With a &gt; 0 the map is increasing, so ranking
 * scores (ROC-AUC, PR-AUC) are unchanged; only the probabilities' meaning (Brier, calibration) moves. Needed here
 * because the weighted loss of seed 000 inflates the model's probabilities towards the positive class.
 */
public record PlattScaling(double a, double b) {
    private static final double EDGE = 1e-6;

    /** The identity map (a = 1, b = 0). */
    public static PlattScaling identity() {
        return new PlattScaling(1, 0);
    }

    public PlattScaling {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("Platt parameters must be finite, got a=" + a + ", b=" + b);
        }
    }

    public double apply(double p) {
        if (!Double.isFinite(p)) {
            return p;
        }
        return 1 / (1 + Math.exp(-(a * logit(p) + b)));
    }

    public double[] apply(double[] p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = apply(p[i]);
        }
        return out;
    }

    /** Fits a and b to forecasts {@code p} and 0/1 labels (−1 and non-finite forecasts are left out). */
    public static PlattScaling fit(double[] p, int[] labels) {
        int pos = 0;
        int neg = 0;
        for (int i = 0; i < p.length; i++) {
            if (Double.isFinite(p[i]) && labels[i] >= 0) {
                if (labels[i] == 1) {
                    pos++;
                } else {
                    neg++;
                }
            }
        }
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("Platt scaling needs both classes among the held-out frames, got "
                    + pos + " positives and " + neg + " negatives");
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 1;
        double b = 0;
        for (int iter = 0; iter < 100; iter++) {
            // gradient and Hessian of the negative log-likelihood in (a, b)
            double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
            for (int i = 0; i < p.length; i++) {
                if (!Double.isFinite(p[i]) || labels[i] < 0) {
                    continue;
                }
                double x = logit(p[i]);
                double q = 1 / (1 + Math.exp(-(a * x + b)));
                double t = labels[i] == 1 ? hi : lo;
                double w = Math.max(q * (1 - q), 1e-12);
                ga += (q - t) * x;
                gb += q - t;
                haa += w * x * x;
                hab += w * x;
                hbb += w;
            }
            haa += 1e-9;
            hbb += 1e-9;
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det;
            double db = (haa * gb - hab * ga) / det;
            a -= da;
            b -= db;
            if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    private static double logit(double p) {
        double q = Math.min(1 - EDGE, Math.max(EDGE, p));
        return Math.log(q / (1 - q));
    }
}
