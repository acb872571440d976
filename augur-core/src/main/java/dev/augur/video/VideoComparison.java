package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.eval.Bootstrap;
import dev.augur.eval.FrameMetrics;
import dev.augur.eval.MetricsFiles;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.ModelSpec;
import dev.augur.report.ErrorChart;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code video test} and {@code video compare}: saved models scored on one fixed test set of the data they were
 * trained on, beside copy-last-frame — metrics per future step with intervals, the error chart, every paired
 * difference, and a rollout GIF (or, for one model being tested, the metrics written into its bundle).
 */
public final class VideoComparison {
    private VideoComparison() {}

    /** The metrics per model (copy-last-frame first) and the paired differences between trained models. */
    public record Result(List<FrameMetrics.Summary> metrics, List<FrameMetrics.Difference> differences) {}

    /**
     * @param saveIntoBundle write the metrics into the (single) bundle instead of drawing a rollout GIF
     * @param digits         Moving MNIST only: digits per test sequence (the MNIST-3 transfer test), or null
     */
    public static Result run(
            List<Path> bundles, int sequences, int future, Path out, boolean saveIntoBundle, Integer digits)
            throws IOException {
        if (sequences < 1 || future < 1) {
            throw new IllegalArgumentException("--sequences and --future must be >= 1");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            List<VideoModels.Loaded> loaded = new ArrayList<>();
            try {
                for (Path b : bundles) {
                    loaded.add(VideoModels.load(b, manager));
                }
                VideoData data = loaded.get(0).data();
                for (VideoModels.Loaded l : loaded) {
                    if (!l.data().equals(data)) {
                        throw new IllegalArgumentException(l.dir() + ": trained on other data than "
                                + loaded.get(0).dir());
                    }
                }
                if (digits != null) {
                    data = data.withDigits(digits);
                }
                int context = loaded.stream()
                        .mapToInt(l -> l.model().spec().inputLength())
                        .max()
                        .orElseThrow();
                List<VideoEvaluation.Candidate> candidates = new ArrayList<>();
                for (VideoModels.Loaded l : loaded) {
                    candidates.add(new VideoEvaluation.Candidate(name(l), l.model()));
                }
                Clips test = data.source().testSet(sequences, context + future);
                List<FrameMetrics.Summary> metrics =
                        VideoEvaluation.evaluate(candidates, test, context, future, data.thresholds(), manager);
                Files.createDirectories(out);
                MetricsFiles.write(metrics, out.resolve("metrics.csv"), out.resolve("metrics.json"));
                List<ErrorChart.Line> lines = new ArrayList<>();
                metrics.forEach(m -> lines.add(ErrorChart.line(m.model(), m.steps(), FrameMetrics.Step::mse)));
                ErrorChart.write(
                        "MSE per frame over " + sequences + " test sequences",
                        "MSE per frame",
                        lines,
                        out.resolve("error_vs_step.png"));
                if (!saveIntoBundle) {
                    RolloutAnimation.write(
                            candidates,
                            data.source().testSet(1, Math.max(50, context + future)),
                            context,
                            out.resolve("rollout.gif"),
                            manager);
                } else {
                    ModelBundle.read(bundles.get(0), VideoModels.TASK).writeMetrics(metrics);
                }
                return new Result(metrics, writeDifferences(metrics, out.resolve("differences.csv")));
            } finally {
                loaded.forEach(VideoModels.Loaded::close);
            }
        }
    }

    /** Every pair of trained models (copy-last-frame aside), paired over the same test sequences. */
    private static List<FrameMetrics.Difference> writeDifferences(List<FrameMetrics.Summary> metrics, Path file)
            throws IOException {
        List<FrameMetrics.Difference> out = new ArrayList<>();
        if (metrics.size() < 3) {
            return out;
        }
        StringBuilder csv = new StringBuilder("model,reference,mse_difference,low,high\n");
        for (int i = 1; i < metrics.size(); i++) {
            for (int j = i + 1; j < metrics.size(); j++) {
                FrameMetrics.Difference d =
                        FrameMetrics.difference(metrics.get(j), metrics.get(i), Bootstrap.standard());
                out.add(d);
                csv.append(String.format(
                        Locale.ROOT,
                        "%s,%s,%.6f,%.6f,%.6f%n",
                        d.model(),
                        d.reference(),
                        d.mse().mean(),
                        d.mse().low(),
                        d.mse().high()));
            }
        }
        AtomicFiles.writeString(file, csv.toString());
        return out;
    }

    private static String name(VideoModels.Loaded l) {
        ModelSpec s = l.model().spec();
        return s.architecture() + " (" + s.inputLength() + " in) "
                + l.dir().toAbsolutePath().normalize().getParent().getFileName();
    }
}
