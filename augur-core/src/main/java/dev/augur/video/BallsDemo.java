package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.BouncingBalls;
import dev.augur.data.Clips;
import dev.augur.eval.Estimate;
import dev.augur.eval.FrameMetrics;
import dev.augur.eval.MetricsFiles;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.Architecture;
import dev.augur.nn.ModelSpec;
import dev.augur.report.ErrorChart;
import dev.augur.train.ProgressListener;
import dev.augur.train.ScheduledSampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Seed 001's comparison end to end: a ConvLSTM reading 5 frames and a straight-convolution model reading 1,
 * both predicting the next 4 frames of velocity-coloured bouncing balls; scored on a fixed set of test
 * sequences beside copy-last-frame; chart of error against future step, metrics and 50-frame rollout GIFs.
 */
public final class BallsDemo {
    public static final int CONTEXT = 5;
    public static final int FUTURE = 4;

    private BallsDemo() {}

    /**
     * The demo's budget: training steps per model, batch size, test sequences and rollout GIFs. The seed trained
     * 200,000 steps of batch 16 on a GPU; {@link #quick()} fits both models into a few minutes on 2 cores.
     */
    public record Settings(int steps, int batchSize, int testSequences, int gifs, int rolloutLength, long seed) {
        public Settings {
            if (steps < 1 || batchSize < 1 || testSequences < 1 || gifs < 0 || rolloutLength <= CONTEXT) {
                throw new IllegalArgumentException("invalid demo settings: " + steps + " steps, batch " + batchSize
                        + ", " + testSequences + " test sequences, rollouts of " + rolloutLength);
            }
        }

        public static Settings quick() {
            return new Settings(1500, 16, 1200, 3, 50, 1);
        }
    }

    public record Result(List<FrameMetrics.Summary> metrics, Path chart, List<Path> gifs) {}

    public static ModelSpec convLstmSpec() {
        return new ModelSpec(
                Architecture.CONVLSTM.id(), 3, 32, 32, 2, List.of(32, 32), 3, false, false, false, CONTEXT);
    }

    public static ModelSpec convSpec() {
        return new ModelSpec(Architecture.CONV.id(), 3, 32, 32, 2, List.of(32, 32), 3, false, false, false, 1);
    }

    public static Result run(Path out, Settings s, Function<String, ProgressListener> progress) throws IOException {
        VideoData data = VideoData.balls(BouncingBalls.Config.seed001(), s.seed());
        double delta = 1.0 / (0.75 * s.steps()); // teacher forcing fades out over the first 3/4 of training
        FramePredictionConfig lstmTraining = new FramePredictionConfig(
                s.steps(),
                s.batchSize(),
                CONTEXT + FUTURE,
                1e-3,
                "l2",
                1.0,
                ScheduledSampling.linear(1.0, delta),
                false,
                s.seed(),
                Math.max(1, s.steps() / 10));
        FramePredictionConfig convTraining = new FramePredictionConfig(
                s.steps(),
                s.batchSize(),
                1 + FUTURE,
                1e-3,
                "l2",
                1.0,
                ScheduledSampling.linear(1.0, delta),
                false,
                s.seed(),
                Math.max(1, s.steps() / 10));
        String lstm = Architecture.CONVLSTM.id();
        String conv = Architecture.CONV.id();
        train(data, convLstmSpec(), lstmTraining, out.resolve(lstm), progress.apply(lstm));
        train(data, convSpec(), convTraining, out.resolve(conv), progress.apply(conv));
        return evaluate(
                out, out.resolve(lstm).resolve("model"), out.resolve(conv).resolve("model"), s);
    }

    private static void train(
            VideoData data, ModelSpec spec, FramePredictionConfig config, Path dir, ProgressListener listener)
            throws IOException {
        VideoTraining training = new VideoTraining(data, spec, config, dir, listener);
        training.run(true);
    }

    /** Scores the two saved models and writes chart, metrics and GIFs under {@code out}. */
    public static Result evaluate(Path out, Path convLstmBundle, Path convBundle, Settings s) throws IOException {
        try (NDManager manager = NDManager.newBaseManager();
                VideoModels.Loaded lstm = VideoModels.load(convLstmBundle, manager);
                VideoModels.Loaded conv = VideoModels.load(convBundle, manager)) {
            if (!lstm.data().equals(conv.data())) {
                throw new IllegalArgumentException(
                        "the two models were trained on different data: " + lstm.data() + " vs " + conv.data());
            }
            List<VideoEvaluation.Candidate> models = List.of(
                    new VideoEvaluation.Candidate("convlstm (5 -> 4)", lstm.model()),
                    new VideoEvaluation.Candidate("conv (1 -> 4)", conv.model()));
            Clips test = lstm.data().source().testSet(s.testSequences(), CONTEXT + FUTURE);
            List<FrameMetrics.Summary> metrics = VideoEvaluation.evaluate(models, test, CONTEXT, FUTURE, manager);
            MetricsFiles.write(metrics, out.resolve("metrics.csv"), out.resolve("metrics.json"));
            Path chart = out.resolve("error_vs_step.png");
            List<ErrorChart.Line> lines = new ArrayList<>();
            for (FrameMetrics.Summary m : metrics) {
                lines.add(ErrorChart.line(m.model(), m.steps(), FrameMetrics.Step::mse));
            }
            ErrorChart.write(
                    "Bouncing balls: error per frame over " + s.testSequences() + " test sequences",
                    "MSE per frame (sum over pixels)",
                    lines,
                    chart);
            List<Path> gifs = new ArrayList<>();
            Clips longRuns = lstm.data().source().testSet(Math.max(1, s.gifs()), s.rolloutLength());
            for (int i = 0; i < s.gifs(); i++) {
                Path gif = out.resolve("rollout_" + (i + 1) + ".gif");
                RolloutAnimation.write(models, longRuns.sequences(i, i + 1), CONTEXT, gif, manager);
                gifs.add(gif);
            }
            AtomicFiles.writeString(out.resolve("summary.md"), summary(metrics, s));
            return new Result(metrics, chart, gifs);
        }
    }

    static String summary(List<FrameMetrics.Summary> metrics, Settings s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "MSE per frame (sum of squared error over 3x32x32 pixels), mean [95%% CI] over %d "
                        + "test sequences; %d training steps of batch %d per model%n%n",
                s.testSequences(),
                s.steps(),
                s.batchSize()));
        b.append("| model |");
        for (int k = 1; k <= FUTURE; k++) {
            b.append(" step ").append(k).append(" |");
        }
        b.append(" mean SSIM |\n|---|");
        b.append("---|".repeat(FUTURE + 1)).append('\n');
        for (FrameMetrics.Summary m : metrics) {
            b.append("| ").append(m.model()).append(" |");
            for (FrameMetrics.Step st : m.steps()) {
                b.append(' ').append(format(st.mse())).append(" |");
            }
            b.append(String.format(Locale.ROOT, " %.3f |%n", m.ssim().mean()));
        }
        return b.toString();
    }

    static String format(Estimate e) {
        return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", e.mean(), e.low(), e.high());
    }
}
