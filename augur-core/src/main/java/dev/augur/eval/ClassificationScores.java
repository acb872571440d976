package dev.augur.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Frame-level scores of a multi-class classifier: per class precision, recall, F1 and average precision
 * (one-vs-rest), macro F1 over all classes and without "other", accuracy and the confusion matrix. A class counts
 * only on frames whose video labelled it ({@code allowed}): a behaviour a video did not annotate is unknown there,
 * not absent. Macro averages run over the classes with at least one true frame in the scored set.
 */
public final class ClassificationScores {
    private ClassificationScores() {}

    public record PerClass(
            String name, long support, double precision, double recall, double f1, double averagePrecision) {}

    public record Report(
            List<String> vocabulary,
            int frames,
            double accuracy,
            double macroF1,
            double macroF1WithoutOther,
            List<PerClass> classes,
            long[][] confusion) {}

    /**
     * @param labels        true class per frame (−1 frames are skipped)
     * @param probabilities [N, C] class probabilities (classes a frame's video did not label should be 0)
     * @param allowed       [N, C] whether the frame's video labelled each class
     * @param other         the name of the catch-all class, left out of the second macro F1 (null: none)
     */
    public static Report of(
            List<String> vocabulary, int[] labels, float[] probabilities, boolean[] allowed, String other) {
        int c = vocabulary.size();
        int n = labels.length;
        if (probabilities.length != n * c || allowed.length != n * c) {
            throw new IllegalArgumentException("probabilities and the allowed mask must be [" + n + ", " + c + "]");
        }
        long[][] confusion = new long[c][c];
        long correct = 0;
        int scored = 0;
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            for (int k = 0; k < c; k++) {
                if (allowed[i * c + k] && (best < 0 || probabilities[i * c + k] > probabilities[i * c + best])) {
                    best = k;
                }
            }
            predicted[i] = best;
            if (labels[i] >= 0 && best >= 0) {
                confusion[labels[i]][best]++;
                correct += labels[i] == best ? 1 : 0;
                scored++;
            }
        }
        List<PerClass> classes = new ArrayList<>();
        double sumAll = 0;
        int countAll = 0;
        double sumNoOther = 0;
        int countNoOther = 0;
        for (int k = 0; k < c; k++) {
            long tp = 0, fp = 0, fn = 0, support = 0;
            List<Double> scores = new ArrayList<>();
            List<Integer> truth = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || !allowed[i * c + k]) {
                    continue;
                }
                boolean isK = labels[i] == k;
                boolean saysK = predicted[i] == k;
                support += isK ? 1 : 0;
                tp += isK && saysK ? 1 : 0;
                fp += !isK && saysK ? 1 : 0;
                fn += isK && !saysK ? 1 : 0;
                scores.add((double) probabilities[i * c + k]);
                truth.add(isK ? 1 : 0);
            }
            double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
            double recall = support == 0 ? Double.NaN : (double) tp / support;
            double f1 = support == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
            double ap = Double.NaN;
            if (support > 0 && support < truth.size()) {
                ap = new BinaryMetrics(
                                scores.stream().mapToDouble(Double::doubleValue).toArray(),
                                truth.stream().mapToInt(Integer::intValue).toArray())
                        .averagePrecision();
            }
            classes.add(new PerClass(vocabulary.get(k), support, precision, recall, f1, ap));
            if (support > 0) {
                sumAll += f1;
                countAll++;
                if (!vocabulary.get(k).equals(other)) {
                    sumNoOther += f1;
                    countNoOther++;
                }
            }
        }
        return new Report(
                List.copyOf(vocabulary),
                scored,
                scored == 0 ? Double.NaN : (double) correct / scored,
                countAll == 0 ? Double.NaN : sumAll / countAll,
                countNoOther == 0 ? Double.NaN : sumNoOther / countNoOther,
                classes,
                confusion);
    }
}
