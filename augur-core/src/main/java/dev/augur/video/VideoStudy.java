package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.eval.Bootstrap;
import dev.augur.eval.FrameMetrics;
import dev.augur.eval.MetricsFiles;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.Architecture;
import dev.augur.nn.ModelSpec;
import dev.augur.train.ProgressListener;
import dev.augur.train.ScheduledSampling;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Seed 002's design study as one resumable grid: 3D vs 2D convolutions inside the eidetic cell, residual links
 * between stacked layers, the balance of L1 and L2 in the loss, and fine-tuning a trained model with residual
 * links switched on. Every variant shares the base model size, data, seed and training budget; each trains into a
 * folder of its own (finished ones are skipped, interrupted ones resume from their checkpoint), then all are scored
 * on one fixed test set beside copy-last-frame, with paired differences against the base variant.
 */
public final class VideoStudy {
    /** The base variant every other one is compared with. */
    public static final String BASE = "3d";

    /**
     * One configuration. {@code loss} is λ·L1 + (1−λ)·L2 as {@code l1l2:λ}; a fine-tuned variant starts from the
     * finished weights of {@code fineTunedFrom} and trains {@link Settings#fineTuneSteps()} more steps.
     */
    public record Variant(String name, String architecture, boolean residual, String loss, String fineTunedFrom) {
        public String convolutions() {
            return Architecture.of(architecture).window() == 1 ? "2D" : "3D";
        }
    }

    public static final List<Variant> GRID = List.of(
            new Variant(BASE, Architecture.E3D_LSTM.id(), false, "l1l2:0.5", null),
            new Variant("3d-residual", Architecture.E3D_LSTM.id(), true, "l1l2:0.5", null),
            new Variant("2d", Architecture.E3D_LSTM_2D.id(), false, "l1l2:0.5", null),
            new Variant("2d-residual", Architecture.E3D_LSTM_2D.id(), true, "l1l2:0.5", null),
            new Variant("3d-l2", Architecture.E3D_LSTM.id(), false, "l1l2:0", null),
            new Variant("3d-l1", Architecture.E3D_LSTM.id(), false, "l1l2:1", null),
            new Variant("3d-finetuned-residual", Architecture.E3D_LSTM.id(), true, "l1l2:0.5", BASE));

    /**
     * The shared budget: {@code base} gives size, channels, filter, patch and J (its architecture, residual flag and
     * loss are the variants'); {@code training} gives steps, batch, clip length J+K, learning rate and sampling.
     * Fine-tuning runs {@code fineTuneSteps} fully autoregressive steps (the pretrained model's schedule is over).
     */
    public record Settings(
            VideoData data, ModelSpec base, FramePredictionConfig training, int fineTuneSteps, int testSequences) {
        public Settings {
            if (fineTuneSteps < 1 || testSequences < 1) {
                throw new IllegalArgumentException("fine-tuning steps and test sequences must be >= 1");
            }
            if (training.clipLength() <= base.inputLength()) {
                throw new IllegalArgumentException("clips of " + training.clipLength() + " frames leave nothing to "
                        + "predict after " + base.inputLength() + " inputs");
            }
        }

        int future() {
            return training.clipLength() - base.inputLength();
        }
    }

    /** One row of the study table; {@code difference} is MSE/frame minus the base variant's, paired. */
    public record Row(
            Variant variant,
            int steps,
            double trainSeconds,
            FrameMetrics.Summary metrics,
            FrameMetrics.Difference difference) {}

    private final Settings settings;
    private final Path out;
    private final List<Variant> variants;
    private volatile boolean stopRequested;
    private volatile VideoTraining current;

    /** The whole grid. */
    public VideoStudy(Settings settings, Path out) {
        this(settings, out, GRID);
    }

    /**
     * Some rows of the grid (say, the base row again with other seeds), in the grid's order; the base among them
     * (every row is compared with it, and the fine-tuned row starts from it).
     */
    public VideoStudy(Settings settings, Path out, List<Variant> variants) {
        if (variants.isEmpty() || !variants.get(0).name().equals(BASE)) {
            throw new IllegalArgumentException(
                    "the variants must include the base, " + BASE + ", which every other row is compared with");
        }
        this.settings = settings;
        this.out = out;
        this.variants = List.copyOf(variants);
    }

    /** The grid's variants of these names, in the grid's order; an unknown name is an error listing the known. */
    public static List<Variant> variants(List<String> names) {
        List<String> known = GRID.stream().map(Variant::name).toList();
        for (String n : names) {
            if (!known.contains(n)) {
                throw new IllegalArgumentException("--variants: no variant " + n + "; the grid has " + known);
            }
        }
        return GRID.stream().filter(v -> names.contains(v.name())).toList();
    }

    public Path folder(Variant v) {
        return out.resolve(v.name());
    }

    /** Trains what is not yet trained (in grid order), then scores every variant; returns null when stopped. */
    public List<Row> run(Function<String, ProgressListener> listeners) throws IOException {
        for (Variant v : variants) {
            if (stopRequested || !train(v, listeners.apply(v.name()))) {
                return null;
            }
        }
        return score();
    }

    /** Stops the grid after the current step of the variant in training, with its checkpoint; safe from a hook. */
    public void requestStop() {
        stopRequested = true;
        VideoTraining t = current;
        if (t != null) {
            t.requestStop();
        }
    }

    private boolean train(Variant v, ProgressListener listener) throws IOException {
        Path dir = folder(v);
        if (Files.isRegularFile(dir.resolve("model").resolve("model.json"))) {
            return true;
        }
        ModelSpec b = settings.base();
        ModelSpec spec = new ModelSpec(
                v.architecture(),
                b.channels(),
                b.height(),
                b.width(),
                b.patch(),
                b.hidden(),
                b.filter(),
                false,
                v.residual(),
                b.layerNorm(),
                b.inputLength());
        FramePredictionConfig t = settings.training();
        boolean fineTune = v.fineTunedFrom() != null;
        FramePredictionConfig config = new FramePredictionConfig(
                fineTune ? settings.fineTuneSteps() : t.steps(),
                t.batchSize(),
                t.clipLength(),
                t.learningRate(),
                v.loss(),
                t.clipNorm(),
                fineTune ? ScheduledSampling.off() : t.sampling(),
                t.reverseInput(),
                t.seed(),
                t.checkpointEvery());
        VideoTraining training = new VideoTraining(settings.data(), spec, config, dir, listener);
        if (fineTune) {
            training.startingFrom(out.resolve(v.fineTunedFrom()).resolve("model"));
        }
        current = training;
        if (stopRequested) {
            training.requestStop();
        }
        long start = System.nanoTime();
        TrainingLoop.Result r = training.run(Files.exists(training.checkpoint()));
        addSeconds(dir, (System.nanoTime() - start) / 1e9);
        return !r.stopped();
    }

    /** Wall time over every session that trained this variant (a resumed run adds to it). */
    private static void addSeconds(Path dir, double seconds) throws IOException {
        AtomicFiles.writeString(
                dir.resolve("train_seconds.txt"), String.format(Locale.ROOT, "%.1f%n", readSeconds(dir) + seconds));
    }

    private static double readSeconds(Path dir) throws IOException {
        Path f = dir.resolve("train_seconds.txt");
        return Files.exists(f) ? Double.parseDouble(Files.readString(f).trim()) : 0;
    }

    /**
     * The score of predicting all-zero frames: on dark-background data (Moving MNIST) a model whose loss pulls it to
     * the background scores close to this, which tells a collapsed model from one that moves the digits.
     */
    private static FrameMetrics.Summary blankFrames(Clips test, int context, int future) {
        FrameMetrics m = new FrameMetrics(future, test.channels(), test.height(), test.width());
        Clips truth = test.frames(context, context + future);
        m.add(truth.data(), new float[truth.data().length], truth.count());
        return m.summarise("blank frames", Bootstrap.standard());
    }

    /** Scores every finished variant on the fixed test set and writes study.csv, study.md, metrics.* and study.png. */
    public List<Row> score() throws IOException {
        int j = settings.base().inputLength();
        int future = settings.future();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<VideoModels.Loaded> loaded = new ArrayList<>();
            try {
                List<VideoEvaluation.Candidate> candidates = new ArrayList<>();
                for (Variant v : variants) {
                    VideoModels.Loaded l = VideoModels.load(folder(v).resolve("model"), manager);
                    loaded.add(l);
                    candidates.add(new VideoEvaluation.Candidate(v.name(), l.model()));
                }
                Clips test = settings.data().source().testSet(settings.testSequences(), j + future);
                List<FrameMetrics.Summary> metrics = VideoEvaluation.evaluate(
                        candidates, test, j, future, settings.data().thresholds(), manager);
                MetricsFiles.write(metrics, out.resolve("metrics.csv"), out.resolve("metrics.json"));
                List<Row> rows = new ArrayList<>();
                FrameMetrics.Summary base = metrics.get(1);
                for (int i = 0; i < variants.size(); i++) {
                    Variant v = variants.get(i);
                    FrameMetrics.Summary m = metrics.get(i + 1);
                    rows.add(new Row(
                            v,
                            loaded.get(i).training().steps(),
                            readSeconds(folder(v)),
                            m,
                            FrameMetrics.difference(m, base, Bootstrap.standard())));
                }
                StudyTable.write(rows, List.of(metrics.get(0), blankFrames(test, j, future)), out);
                return rows;
            } finally {
                loaded.forEach(VideoModels.Loaded::close);
            }
        }
    }
}
