package dev.augur.eval;

import java.util.Arrays;

/** NumPy's default (linear) quantile: the one used for intervals, latency percentiles and statistics alike. */
public final class Quantile {
    private Quantile() {}

    /** The q-quantile (0 ≤ q ≤ 1) of values, which are left as they are; NaN for none. */
    public static double of(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        return ofSorted(v, q);
    }

    /** The same of values already sorted in increasing order. */
    public static double ofSorted(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("a quantile lies in [0, 1], got " + q);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
