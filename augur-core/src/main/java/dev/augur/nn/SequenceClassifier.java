package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/**
 * A classifier of windows of per-frame feature vectors, [B, T, F] → class logits [B, classes]: the label of the
 * window's centre frame (seed 004's CNN-LSTM and the CalMS21 1D-convolution baseline), or of the frame after the
 * window (the burst forecasters of per-frame series: {@code tcn_lstm} and {@code logistic}, one logit).
 */
public interface SequenceClassifier extends AutoCloseable {
    Spec spec();

    Weights weights();

    /** Logits; {@code training} switches batch statistics and dropout on. */
    NDArray logits(NDArray windows, boolean training);

    /**
     * @param architecture {@code cnn_lstm} or {@code conv1d}
     * @param window       frames per window (the centre frame is the one labelled)
     * @param width        base channel count w (seed 004: 64): the CNN-LSTM's convolutions have w, 2w and 4w
     *                     channels, its LSTM 2w per direction, its head 4w → 2w → w; the baseline's convolutions w
     * @param dropout      rate of the classifier's dropout layers while training
     * @param classes      2 or more (softmax), or 1: a single logit of a binary event (sigmoid)
     */
    record Spec(String architecture, int features, int classes, int window, int width, double dropout) {
        public static final List<String> ARCHITECTURES = List.of("cnn_lstm", "conv1d", "tcn_lstm", "logistic");

        public Spec {
            if (!ARCHITECTURES.contains(architecture)) {
                throw new IllegalArgumentException(
                        "unknown architecture '" + architecture + "', expected one of " + ARCHITECTURES);
            }
            if (features < 1 || classes < 1) {
                throw new IllegalArgumentException(
                        "need at least one feature and one class, got " + features + ", " + classes);
            }
            if (window < 4 || (window % 4 != 0 && architecture.equals("cnn_lstm"))) {
                throw new IllegalArgumentException(
                        "the CNN-LSTM pools time twice by 2: window must be a multiple of 4, got " + window);
            }
            if (width < 1) {
                throw new IllegalArgumentException("width must be >= 1, got " + width);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
        }
    }

    static SequenceClassifier create(Spec spec, NDManager manager, long seed) {
        return switch (spec.architecture()) {
            case "cnn_lstm" -> new CnnLstmClassifier(spec, manager, seed);
            case "tcn_lstm" -> new TemporalConvLstmClassifier(spec, manager, seed);
            case "logistic" -> new LogisticClassifier(spec, manager, seed);
            default -> new Conv1dClassifier(spec, manager, seed);
        };
    }

    @Override
    default void close() {
        weights().close();
    }
}
