package dev.augur.eval;

import java.util.Locale;

/** A mean with its bootstrap confidence interval [low, high]. */
public record Estimate(double mean, double low, double high) {
    /** As the tables print it: {@code 0.664 [0.612, 0.730]}. */
    public String text() {
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", mean, low, high);
    }
}
