package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.ClipSource;
import dev.augur.data.Clips;
import dev.augur.eval.FrameMetrics;
import dev.augur.eval.MetricsFiles;
import dev.augur.io.AtomicFiles;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.report.FrameImages;
import dev.augur.train.ProgressListener;
import dev.augur.train.TrainingLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A training or test run laid out as predrnn-pytorch's and e3d_lstm's {@code run.py} lay theirs out:
 * {@code save_dir/model.ckpt-<iteration>/} snapshots (here: loadable model bundles that also hold the resumable
 * checkpoint), {@code gen_frm_dir/<iteration>/<k>/gt1.png … gtT.png, pd(J+1).png … pdT.png} for the first sequence
 * of each of the first {@code saveSamples} test batches, and per-future-step metrics printed after every test.
 */
public final class ResearchRun {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String CHECKPOINT_IN_SNAPSHOT = "checkpoint.npz";

    /**
     * @param pretrained      a snapshot or bundle folder: resumed (training) or scored (test); null for none
     * @param displayInterval iterations between printed training losses
     * @param testInterval    iterations between tests on the whole validation set
     * @param snapshotInterval iterations between snapshots
     * @param saveSamples     test batches whose first sequence is written as PNG frames (predrnn: num_save_samples)
     */
    public record Settings(
            boolean training,
            VideoData data,
            ModelSpec spec,
            FramePredictionConfig config,
            Path saveDir,
            Path genFrmDir,
            Path pretrained,
            int displayInterval,
            int testInterval,
            int snapshotInterval,
            int saveSamples) {
        public Settings {
            if (displayInterval < 1 || testInterval < 1 || snapshotInterval < 1) {
                throw new IllegalArgumentException("display, test and snapshot intervals must be >= 1");
            }
            if (saveSamples < 0) {
                throw new IllegalArgumentException("num_save_samples must be >= 0, got " + saveSamples);
            }
            if (!training && pretrained == null) {
                throw new IllegalArgumentException("testing (--is_training False) needs --pretrained_model");
            }
        }
    }

    private final Settings s;
    private final PrintStream out;
    private volatile VideoTraining training;
    private Clips testSet;

    public ResearchRun(Settings settings, PrintStream out) {
        this.s = settings;
        this.out = out;
    }

    /** Stops training after the current iteration with a checkpoint (safe from a shutdown hook). */
    public void requestStop() {
        VideoTraining t = training;
        if (t != null) {
            t.requestStop();
        }
    }

    public TrainingLoop.Result run() throws IOException {
        Path resumeFrom = s.pretrained() == null ? null : pretrained(s.pretrained());
        if (!s.training()) {
            try (NDManager manager = NDManager.newBaseManager();
                    VideoModels.Loaded loaded = VideoModels.load(resumeFrom, manager)) {
                test(loaded.model(), "test_result", manager);
            }
            return null;
        }
        Files.createDirectories(s.saveDir());
        Files.createDirectories(s.genFrmDir());
        VideoTraining t = new VideoTraining(s.data(), s.spec(), s.config(), s.saveDir(), display());
        boolean resume = false;
        if (resumeFrom != null) {
            Path ckpt = resumeFrom.resolve(CHECKPOINT_IN_SNAPSHOT);
            if (Files.isRegularFile(ckpt)) {
                Files.copy(ckpt, t.checkpoint(), StandardCopyOption.REPLACE_EXISTING);
                resume = true;
                out.println("resuming from " + resumeFrom);
            } else {
                t.startingFrom(resumeFrom);
                out.println("starting from the weights of " + resumeFrom);
            }
        }
        training = t;
        try (NDManager manager = NDManager.newBaseManager()) {
            t.afterStep((step, model) -> {
                if (step % s.testInterval() == 0) {
                    test(model, Long.toString(step), manager);
                }
                boolean checkpointed = step % s.config().checkpointEvery() == 0
                        || step == s.config().steps();
                if (checkpointed && step % s.snapshotInterval() == 0) {
                    saveSnapshot(step, t.checkpoint(), model);
                }
                return true;
            });
            return t.run(resume);
        }
    }

    private ProgressListener display() {
        return new ProgressListener() {
            @Override
            public void stepped(long step, long total, float loss) {
                if (step % s.displayInterval() == 0) {
                    out.println(LocalDateTime.now(ZoneId.systemDefault()).format(CLOCK) + " itr: " + step);
                    out.println("training loss: " + loss);
                }
            }
        };
    }

    private void saveSnapshot(long step, Path checkpoint, FramePredictor model) throws IOException {
        Path dir = s.saveDir().resolve("model.ckpt-" + step);
        VideoModels.save(dir, model, s.config(), s.data());
        AtomicFiles.write(dir.resolve(CHECKPOINT_IN_SNAPSHOT), o -> Files.copy(checkpoint, o));
        out.println("saved " + dir);
    }

    /** Scores the model on the whole validation set; writes frames and metrics under gen_frm_dir/{@code name}. */
    void test(FramePredictor model, String name, NDManager manager) throws IOException {
        out.println(LocalDateTime.now(ZoneId.systemDefault()).format(CLOCK) + " test...");
        int j = s.spec().inputLength();
        int total = s.config().clipLength();
        int future = total - j;
        if (testSet == null) {
            ClipSource source = s.data().source();
            testSet = source.testSet(source.testCount(total).orElse(5000), total);
        }
        Clips test = testSet;
        Path dir = s.genFrmDir().resolve(name);
        Files.createDirectories(dir);
        FrameMetrics.Summary model1 = VideoEvaluation.evaluate(
                        List.of(new VideoEvaluation.Candidate(s.spec().architecture(), model)),
                        test,
                        j,
                        future,
                        s.data().thresholds(),
                        manager)
                .get(1);
        writeFrames(model, test, dir, manager);
        printPredRnnStyle(model1);
        MetricsFiles.write(List.of(model1), dir.resolve("metrics.csv"), dir.resolve("metrics.json"));
    }

    private void writeFrames(FramePredictor model, Clips test, Path dir, NDManager manager) throws IOException {
        int j = s.spec().inputLength();
        int total = test.length();
        int batch = s.config().batchSize();
        int frame = test.frameSize();
        for (int k = 0; k < s.saveSamples() && k * batch < test.count(); k++) {
            Clips seq = test.sequences(k * batch, k * batch + 1);
            float[] predicted = VideoEvaluation.predict(model, seq.frames(0, j), total - j, manager);
            Path sample = dir.resolve(Integer.toString(k + 1));
            Files.createDirectories(sample);
            for (int t = 0; t < total; t++) {
                FrameImages.writePng(
                        FrameImages.image(seq.data(), t * frame, test.channels(), test.height(), test.width(), 1),
                        sample.resolve("gt" + (t + 1) + ".png"));
            }
            for (int t = 0; t < total - j; t++) {
                FrameImages.writePng(
                        FrameImages.image(predicted, t * frame, test.channels(), test.height(), test.width(), 1),
                        sample.resolve("pd" + (t + j + 1) + ".png"));
            }
        }
    }

    private void printPredRnnStyle(FrameMetrics.Summary m) {
        out.println("mse per seq: "
                + String.format(Locale.ROOT, "%.4f", m.mse().mean() * m.steps().size()));
        m.steps()
                .forEach(st ->
                        out.println(String.format(Locale.ROOT, "%.4f", st.mse().mean())));
        out.println(
                "ssim per frame: " + String.format(Locale.ROOT, "%.4f", m.ssim().mean()));
        m.steps()
                .forEach(st ->
                        out.println(String.format(Locale.ROOT, "%.4f", st.ssim().mean())));
        double psnr =
                m.steps().stream().mapToDouble(st -> st.psnr().mean()).average().orElse(Double.NaN);
        out.println("psnr per frame: " + String.format(Locale.ROOT, "%.4f", psnr));
        m.steps()
                .forEach(st ->
                        out.println(String.format(Locale.ROOT, "%.4f", st.psnr().mean())));
        double ce = m.steps().stream()
                .mapToDouble(st -> st.crossEntropy().mean())
                .average()
                .orElse(Double.NaN);
        out.println("cross-entropy per frame: " + String.format(Locale.ROOT, "%.4f", ce));
        m.thresholds()
                .forEach(c -> out.println(String.format(
                        Locale.ROOT, "csi/pod/far at %.3f: %.4f %.4f %.4f", c.threshold(), c.csi(), c.pod(), c.far())));
    }

    /**
     * The bundle to start from or score: an Augur snapshot folder as it is, or a predrnn-pytorch or OpenSTL checkpoint
     * imported into {@code save_dir/imported.<name>/}; it must hold the model the command line describes.
     */
    private Path pretrained(Path path) throws IOException {
        if (!Files.isRegularFile(path) || !describeFile(path).contains("PyTorch")) {
            return snapshot(path);
        }
        Path bundle = s.saveDir().resolve("imported." + path.getFileName());
        ModelSpec wanted = s.spec();
        ModelSpec found = UpstreamCheckpoint.importBundle(
                path,
                null,
                new UpstreamCheckpoint.Frames(
                        wanted.channels(),
                        wanted.width(),
                        wanted.inputLength(),
                        s.config().clipLength()),
                s.data(),
                bundle);
        if (!found.equals(wanted)) {
            AtomicFiles.deleteTree(bundle);
            throw new IOException(path + ": the checkpoint holds a " + UpstreamCheckpoint.describe(found)
                    + ", the command line describes a " + UpstreamCheckpoint.describe(wanted)
                    + " (check --model_name, --num_hidden, --filter_size, --patch_size and --layer_norm)");
        }
        out.println(
                "read the PyTorch checkpoint " + path + " (" + UpstreamCheckpoint.describe(found) + ") into " + bundle);
        return bundle;
    }

    /**
     * The Augur folder {@code path} names, or a clear error for checkpoints of other frameworks: TensorFlow's
     * {@code model.ckpt-N} (.index/.meta/.data files) or a PyTorch pickle.
     */
    static Path snapshot(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            if (!Files.isRegularFile(path.resolve("model.json"))) {
                throw new IOException(
                        path + ": not an Augur snapshot (no model.json); Augur reads its own model.ckpt-N "
                                + "folders and model bundles (model.json + weights.npz)");
            }
            return path;
        }
        Path parent = path.toAbsolutePath().getParent();
        String name = path.getFileName().toString();
        if (Files.isRegularFile(parent.resolve(name + ".index"))
                || Files.isRegularFile(parent.resolve(name + ".meta"))) {
            throw new IOException(path + ": a TensorFlow checkpoint (e3d_lstm's .index/.meta/.data files); Augur reads "
                    + "only its own model.ckpt-N folders and model bundles (model.json + weights.npz) "
                    + "- retrain with augur run");
        }
        if (Files.isRegularFile(path)) {
            throw new IOException(path + ": " + describeFile(path) + "; Augur reads only its own model.ckpt-N folders "
                    + "and model bundles (model.json + weights.npz)");
        }
        throw new NoSuchFileException(path.toString(), null, "no such snapshot folder");
    }

    private static String describeFile(Path file) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0x80) {
            return "a PyTorch checkpoint (torch.save's legacy format)";
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K') {
            return "a PyTorch checkpoint (torch.save's zip format)";
        }
        return "not an Augur snapshot folder";
    }

    /** The snapshot of iteration {@code step} under {@code saveDir} (for messages and tests). */
    public static Path snapshotDir(Path saveDir, long step) {
        return saveDir.resolve("model.ckpt-" + step);
    }
}
