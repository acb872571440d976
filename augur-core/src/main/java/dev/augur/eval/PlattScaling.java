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
            throw new IllegalArgumentException("Platt scaling needs both classes among the held-out frames, got " + pos
                    + " positives and " + neg + " negatives");
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] x = new double[p.length];
        double[] t = new double[p.length];
        boolean[] use = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            use[i] = Double.isFinite(p[i]) && labels[i] >= 0;
            x[i] = use[i] ? logit(p[i]) : 0;
            t[i] = labels[i] == 1 ? hi : lo;
        }
        // Newton's method with backtracking (Lin, Lin and Weng 2007, "A note on Platt's probabilistic outputs"):
        // plain Newton steps overshoot and diverge when forecasts crowd one value; start at the prior
        double a = 0;
        double b = Math.log((pos + 1.0) / (neg + 1.0));
        double f = negativeLogLikelihood(x, t, use, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double ga = 0, gb = 0, haa = 1e-12, hab = 0, hbb = 1e-12;
            for (int i = 0; i < x.length; i++) {
                if (!use[i]) {
                    continue;
                }
                double q = sigmoid(a * x[i] + b);
                double w = q * (1 - q);
                ga += (q - t[i]) * x[i];
                gb += q - t[i];
                haa += w * x[i] * x[i];
                hab += w * x[i];
                hbb += w;
            }
            if (Math.abs(ga) < 1e-9 && Math.abs(gb) < 1e-9) {
                break;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double slope = ga * da + gb * db;
            double step = 1;
            while (step > 1e-10) {
                double fNew = negativeLogLikelihood(x, t, use, a + step * da, b + step * db);
                if (fNew <= f + 1e-4 * step * slope) {
                    a += step * da;
                    b += step * db;
                    f = fNew;
                    break;
                }
                step /= 2;
            }
            if (step <= 1e-10) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    /** −Σ t·log σ(z) + (1 − t)·log(1 − σ(z)), z = a·x + b, in a form that cannot overflow. */
    private static double negativeLogLikelihood(double[] x, double[] t, boolean[] use, double a, double b) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (use[i]) {
                double z = a * x[i] + b;
                // log(1 + e^z) − t·z, written stably
                sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t[i] * z;
            }
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double logit(double p) {
        double q = Math.min(1 - EDGE, Math.max(EDGE, p));
        return Math.log(q / (1 - q));
    }
}
