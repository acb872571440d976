package dev.augur.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Scores of a binary forecaster (probabilities, higher = more likely positive) against 0/1 labels. Frames
 * without a finite score or with an unknown label (−1) are left out of everything, in every method alike.
 * Peak accuracy alone misleads when positives are rare (seed 000: "never" scores 84.2%), so it is always
 * reported beside majority-class and balanced accuracy.
 */
public final class BinaryMetrics {
    private final double[] scores;
    private final int[] labels;
    private final int positives;

    public BinaryMetrics(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isFinite(scores[i]) && labels[i] >= 0) {
                if (labels[i] > 1) {
                    throw new IllegalArgumentException("labels must be 0, 1 or -1 (unknown), got " + labels[i]);
                }
                n++;
            }
        }
        this.scores = new double[n];
        this.labels = new int[n];
        int j = 0;
        int pos = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isFinite(scores[i]) && labels[i] >= 0) {
                this.scores[j] = scores[i];
                this.labels[j] = labels[i];
                pos += labels[i];
                j++;
            }
        }
        this.positives = pos;
    }

    /** A decision threshold (predict positive when score ≥ threshold) and what it gives. */
    public record Threshold(double threshold, double tpr, double fpr, double accuracy, double balancedAccuracy) {}

    /** One reliability bin: frames whose score fell in [low, high), their mean score and observed positive rate. */
    public record CalibrationBin(double low, double high, int count, double meanScore, double observedRate) {}

    public int count() {
        return scores.length;
    }

    public int positives() {
        return positives;
    }

    public double prevalence() {
        return (double) positives / scores.length;
    }

    /** Accuracy of always answering the more common class. */
    public double majorityAccuracy() {
        return Math.max(prevalence(), 1 - prevalence());
    }

    /** ROC-AUC as the Mann–Whitney statistic, ties counting one half. */
    public double rocAuc() {
        requireBothClasses();
        Integer[] order = order(false);
        double rankSum = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1; // average rank of the tied run
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        long p = positives;
        long n = (long) scores.length - positives;
        return (rankSum - p * (p + 1) / 2.0) / ((double) p * n);
    }

    /** PR-AUC as average precision: Σ (R_k − R_{k−1})·P_k over thresholds from the highest score down. */
    public double averagePrecision() {
        requireBothClasses();
        double ap = 0;
        double lastRecall = 0;
        for (double[] pt : sweep()) {
            double tp = pt[1];
            double fp = pt[2];
            double recall = tp / positives;
            double precision = tp + fp == 0 ? 1 : tp / (tp + fp);
            ap += (recall - lastRecall) * precision;
            lastRecall = recall;
        }
        return ap;
    }

    /** The score threshold maximising Youden's J = TPR − FPR (always one of the scores, so finite). */
    public Threshold youden() {
        return best(Comparator.comparingDouble(t -> t.tpr() - t.fpr()), false);
    }

    /** The threshold with the highest accuracy, "never positive" included. */
    public Threshold peakAccuracy() {
        return best(Comparator.comparingDouble(Threshold::accuracy), true);
    }

    /**
     * What predicting positive at score ≥ {@code threshold} gives (a threshold chosen elsewhere, e.g. on validation).
     */
    public Threshold atThreshold(double threshold) {
        requireBothClasses();
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= threshold) {
                if (labels[i] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return at(threshold, tp, fp, scores.length - positives);
    }

    /** Mean squared difference between score and label (scores must be probabilities). */
    public double brier() {
        double s = 0;
        for (int i = 0; i < scores.length; i++) {
            s += (scores[i] - labels[i]) * (scores[i] - labels[i]);
        }
        return s / scores.length;
    }

    public List<CalibrationBin> calibration(int bins) {
        List<CalibrationBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double lo = (double) b / bins;
            double hi = (double) (b + 1) / bins;
            int n = 0;
            double sum = 0;
            int pos = 0;
            for (int i = 0; i < scores.length; i++) {
                double s = scores[i];
                if (s >= lo && (s < hi || (b == bins - 1 && s <= hi))) {
                    n++;
                    sum += s;
                    pos += labels[i];
                }
            }
            out.add(new CalibrationBin(
                    lo, hi, n, n == 0 ? Double.NaN : sum / n, n == 0 ? Double.NaN : (double) pos / n));
        }
        return out;
    }

    /** The ROC curve as (FPR, TPR) points from (0, 0) to (1, 1). */
    public List<double[]> rocCurve() {
        requireBothClasses();
        List<double[]> pts = new ArrayList<>(List.of(new double[] {0, 0}));
        double n = scores.length - positives;
        for (double[] pt : sweep()) {
            pts.add(new double[] {pt[2] / n, pt[1] / positives});
        }
        return pts;
    }

    /** Thresholds at each distinct score, highest first: {threshold, TP, FP} of "score ≥ threshold". */
    private List<double[]> sweep() {
        Integer[] order = order(true);
        List<double[]> out = new ArrayList<>();
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]] == 1) {
                tp++;
            } else {
                fp++;
            }
            if (k + 1 == order.length || scores[order[k + 1]] != scores[order[k]]) {
                out.add(new double[] {scores[order[k]], tp, fp});
            }
        }
        return out;
    }

    private Threshold best(Comparator<Threshold> by, boolean includeNever) {
        requireBothClasses();
        double n = scores.length - positives;
        Threshold best = includeNever ? at(Double.POSITIVE_INFINITY, 0, 0, n) : null;
        for (double[] pt : sweep()) {
            Threshold t = at(pt[0], pt[1], pt[2], n);
            if (best == null || by.compare(t, best) > 0) {
                best = t;
            }
        }
        return best;
    }

    private Threshold at(double threshold, double tp, double fp, double n) {
        double tpr = tp / positives;
        double fpr = fp / n;
        double acc = (tp + (n - fp)) / scores.length;
        return new Threshold(threshold, tpr, fpr, acc, (tpr + 1 - fpr) / 2);
    }

    private Integer[] order(boolean descending) {
        Integer[] idx = new Integer[scores.length];
        Arrays.setAll(idx, i -> i);
        Comparator<Integer> c = Comparator.comparingDouble(i -> scores[i]);
        Arrays.sort(idx, descending ? c.reversed() : c);
        return idx;
    }

    private void requireBothClasses() {
        if (positives == 0 || positives == scores.length) {
            throw new IllegalArgumentException("ROC and PR need both classes among the " + scores.length
                    + " labelled frames, found " + positives + " positives");
        }
    }
}
