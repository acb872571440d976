package dev.augur.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.events.AlgorithmicBaseline;
import dev.augur.events.BurstClassifier;
import dev.augur.events.BurstExperiment;
import dev.augur.events.BurstForecaster;
import dev.augur.events.BurstRecordings;
import dev.augur.events.BurstReport;
import dev.augur.events.BurstRule;
import dev.augur.events.BurstScoring;
import dev.augur.events.BurstSeries;
import dev.augur.events.BurstServe;
import dev.augur.events.FishTankSimulator;
import dev.augur.events.RealismReport;
import dev.augur.events.SeriesExperiment;
import dev.augur.events.SeriesForecaster;
import dev.augur.events.SimulatorStudy;
import dev.augur.events.VideoLabels;
import dev.augur.io.FlagRange;
import dev.augur.train.Checkpoint;
import dev.augur.train.StopRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "bursts",
        mixinStandardHelpOptions = true,
        description = "Event forecasting: bursts of motion (fish chases) within the next 1.5 s.",
        subcommands = {
            BurstsCommand.Simulate.class,
            BurstsCommand.Label.class,
            BurstsCommand.Train.class,
            BurstsCommand.Forecast.class,
            BurstsCommand.Serve.class,
            BurstsCommand.Test.class,
            BurstsCommand.Report.class,
            BurstsCommand.Realism.class,
            BurstsCommand.Study.class
        })
final class BurstsCommand {

    @Command(
            name = "simulate",
            mixinStandardHelpOptions = true,
            description = "Simulate an overhead fish tank: video plus ground truth (tracks, chases) beside it.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "video file to write (.mp4, .avi, .webm or .mkv)")
        Path out;

        @FlagRange(min = 0, minExcluded = true, max = 1e6)
        @Option(names = "--seconds", defaultValue = "120", description = "(default: ${DEFAULT-VALUE})")
        double seconds;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @FlagRange(min = 1, max = 100)
        @Option(names = "--fish", defaultValue = "6", description = "(default: ${DEFAULT-VALUE})")
        int fish;

        @Override
        public Integer call() throws Exception {
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("--seconds must be > 0, got " + seconds);
            }
            FishTankSimulator.Config c = FishTankSimulator.Config.standard().withFish(fish);
            long t0 = System.nanoTime();
            FishTankSimulator.Truth truth =
                    new FishTankSimulator(c, seed).simulate(seconds, out, new ConsoleProgress("simulate"));
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d frames, %d chases, in %.1f s%n",
                    out,
                    truth.frames(),
                    truth.chases().size(),
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }

    @Command(
            name = "label",
            mixinStandardHelpOptions = true,
            description =
                    "Motion energy, burst labels and the algorithmic baseline for every frame of a video, or labels"
                            + " and baseline anew for a series CSV (its motion_energy column; extra columns are kept).")
    static final class Label implements Callable<Integer> {
        @Option(names = "--video", description = "any video FFmpeg decodes, or a folder of frame images")
        Path video;

        @Option(
                names = "--series",
                description = "a series CSV with frame and motion_energy columns (e.g. from a tracker)")
        Path series;

        @Option(
                names = "--out",
                required = true,
                description = "CSV: frame,time,motion_energy,label,baseline_probability")
        Path out;

        @FlagRange(min = 0, minExcluded = true, max = 1000)
        @Option(names = "--fps", defaultValue = "30", description = "resample to this rate (default: ${DEFAULT-VALUE})")
        double fps;

        @FlagRange(min = 4, max = 4096)
        @Option(names = "--height", defaultValue = "120", description = "(default: ${DEFAULT-VALUE})")
        int height;

        @FlagRange(min = 4, max = 4096)
        @Option(names = "--width", defaultValue = "160", description = "(default: ${DEFAULT-VALUE})")
        int width;

        @FlagRange(min = 1, max = 1000)
        @Option(
                names = "--horizon",
                defaultValue = "" + BurstRule.SEED_HORIZON,
                description = "h, frames ahead (default: ${DEFAULT-VALUE} = 1.5 s)")
        int horizon;

        @FlagRange(min = 0, minExcluded = true, max = 1e9)
        @Option(
                names = "--min-range",
                defaultValue = "" + BurstRule.SEED_MIN_RANGE,
                description = "c (default: ${DEFAULT-VALUE}, seed's footage)")
        double minRange;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--low-fraction",
                defaultValue = "" + BurstRule.SEED_LOW_FRACTION,
                description = "b (default: ${DEFAULT-VALUE})")
        double lowFraction;

        @Option(names = "--refit", description = "rescale c and the baseline's constants to this video's motion energy")
        boolean refit;

        @Override
        public Integer call() throws Exception {
            if ((video == null) == (series == null)) {
                throw new IllegalArgumentException("give either --video or --series");
            }
            BurstRule rule = new BurstRule(horizon, minRange, lowFraction, BurstRule.SEED_WARM_UP);
            BurstSeries l = video != null
                    ? VideoLabels.of(video, height, width, fps, rule, refit).series()
                    : BurstSeries.read(series).relabelled(rule, AlgorithmicBaseline.seed000(), refit);
            l.write(out);
            System.out.print(l.describe(refit ? rule.refit(l.energy()) : rule));
            System.out.println("wrote " + out);
            return 0;
        }
    }

    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Train a burst forecaster.",
                "  --video V: the ConvLSTM on the first 25/30 of a video; model and refit baseline scored on the"
                        + " validation (2/30) and test (3/30) blocks.",
                "  --video V1 --video V2 ... --validation-recordings W [--test-recordings T] (or --manifest"
                        + " split.csv): split by recording; trained on the training recordings, threshold and"
                        + " calibration chosen on the validation recordings, test recordings scored by the saved"
                        + " model.",
                "  --series S --validation-series VS: forecasters of per-frame series (motion energy and any extra"
                        + " columns); every setting in the comma-separated lists is trained and the best on the"
                        + " validation series is kept (with its number of steps, threshold and calibration)."
            })
    static final class Train implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Option(
                names = "--video",
                description = "the recording, or the training recordings of a split by recording (repeatable,"
                        + " folders of videos, 'globs', lists (.txt))")
        List<String> video;

        @Option(
                names = {"--validation-recordings", "--validation-series"},
                split = ",",
                description = "recordings (videos or series CSVs) to choose every setting, the threshold and the"
                        + " calibration on, other than the training ones (files, folders, 'globs', lists; repeatable)")
        List<String> validationRecordings;

        @Option(
                names = "--test-recordings",
                split = ",",
                description = "recordings the saved model is scored on at the end, as bursts test scores them")
        List<String> testRecordings;

        @Option(
                names = "--manifest",
                description = "a CSV path,split (train, validation or test) naming every recording instead (videos, or"
                        + " series CSVs)")
        Path manifest;

        @Option(
                names = "--series",
                split = ",",
                description = "labelled series CSV(s) to train on (layout of bursts label): files, folders, 'globs',"
                        + " list files (.txt); repeatable")
        List<String> series;

        @Option(
                names = "--out",
                required = true,
                description = "run folder: checkpoint(s), model/, metrics.json, summary.md, report.html")
        Path out;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--steps",
                split = ",",
                description = "training steps (video default 60000: about the seed's 5 epochs; series default 3000)")
        List<Integer> steps;

        @FlagRange(min = 1, max = 10_000)
        @Option(
                names = "--factor",
                defaultValue = "1",
                description =
                        "video: downscale 120x160 by this (default: ${DEFAULT-VALUE}, the seed's size; quickstart: 4)")
        int factor;

        @FlagRange(min = 1, max = 1000)
        @Option(
                names = "--window",
                split = ",",
                description = "frames per input window (video default 120, the seed's 4 s; quickstart 60; series "
                        + "default 119: the seed's 120 frames)")
        List<Integer> window;

        @FlagRange(min = 1, max = 10_000)
        @Option(names = "--frames-per-step", defaultValue = "4", description = "video (default: ${DEFAULT-VALUE})")
        int framesPerStep;

        @FlagRange(min = 1, max = 1024)
        @Option(
                names = "--hidden",
                split = ",",
                description = "ConvLSTM filters (video default 16, the seed's) or TCN-LSTM units (series default 32)")
        List<Integer> hidden;

        @FlagRange(min = 1, max = 4096)
        @Option(names = "--batch-size", split = ",", description = "(video default 4, the seed's; series default 64)")
        List<Integer> batch;

        @FlagRange(min = 0, minExcluded = true, max = 1)
        @Option(
                names = "--lr",
                split = ",",
                description = "Adam learning rate (video default 8e-5, the seed's; series default 1e-3,3e-3)")
        List<Double> lr;

        @Option(
                names = "--architecture",
                split = ",",
                defaultValue = "tcn_lstm,logistic",
                description = "series: forecasters to try, tcn_lstm and/or logistic (default: ${DEFAULT-VALUE})")
        List<String> architecture;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--evaluate-every",
                defaultValue = "250",
                description = "series: steps between validation scorings (default: ${DEFAULT-VALUE})")
        int evaluateEvery;

        @FlagRange(min = 1, max = 10_000)
        @Option(
                names = "--stride",
                defaultValue = "3",
                description = "video: score every n-th held-out frame (default: ${DEFAULT-VALUE})")
        int stride;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--resume", description = "continue from the run folder's checkpoint(s)")
        boolean resume;

        @Option(
                names = "--stateful",
                description = "video: carry the recurrent state across the whole video (constant cost per"
                        + " frame); trained with truncated back-propagation on --window-frame segments")
        boolean stateful;

        @Option(
                names = "--cell",
                defaultValue = "convlstm",
                description = "video: recurrent layer: convlstm (the seed's), predrnn"
                        + " (ST-LSTM) or memory_flow (PredRNN paper Eq. 3) (default: ${DEFAULT-VALUE})")
        String cell;

        @Option(
                names = "--layer-norm",
                description = "video: layer normalisation inside the ST-LSTM backbone (--cell predrnn)")
        boolean layerNorm;

        @Override
        public Integer call() throws Exception {
            if ((video != null) == (series != null) && manifest == null) {
                throw new IllegalArgumentException(
                        "give either --video or --series (with --validation-recordings), or a --manifest");
            }
            Map<String, List<Path>> split = BurstRecordings.named(
                    manifest, series != null ? series : video, validationRecordings, testRecordings, series != null);
            boolean seriesFiles = series != null || BurstRecordings.areSeries(split, manifest);
            return seriesFiles ? trainSeries(split) : trainVideo(split);
        }

        private int trainVideo(Map<String, List<Path>> split) throws Exception {
            BurstExperiment.Settings s = new BurstExperiment.Settings(
                    new BurstClassifier.Spec(
                            120 / factor,
                            160 / factor,
                            one(window, 120, "--window"),
                            framesPerStep,
                            one(hidden, 16, "--hidden"),
                            3,
                            stateful,
                            cell,
                            layerNorm),
                    factor,
                    one(steps, 60000, "--steps"),
                    one(batch, 4, "--batch-size"),
                    one(lr, 8e-5, "--lr"),
                    seed,
                    stride,
                    100);
            engine.start();
            if (resume) {
                Checkpoint.requireForResume(out.resolve("checkpoint.npz"));
            }
            StopRequest stop = new StopRequest();
            return StopOnSignal.run(
                    stop::request,
                    () -> split.get("validation").isEmpty()
                            ? BurstExperiment.run(
                                    split.get("train").get(0), s, out, resume, new ConsoleProgress("bursts"), stop)
                            : BurstExperiment.runOnRecordings(
                                    split.get("train"),
                                    split.get("validation"),
                                    split.get("test"),
                                    s,
                                    out,
                                    resume,
                                    new ConsoleProgress("bursts"),
                                    stop),
                    r -> {
                        if (r.training().stopped()) {
                            System.out.printf(
                                    "stopped at step %d; checkpoint %s (continue with --resume)%n",
                                    r.training().steps(), out.resolve("checkpoint.npz"));
                            return 130;
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "training prevalence %.3f, positive weight %.2f%n",
                                r.trainPrevalence(),
                                r.positiveWeight());
                        System.out.print(r.validation().table());
                        if (r.test() != null) {
                            System.out.print(r.test().table());
                        }
                        System.out.print(r.perRecording());
                        System.out.println("model: " + out.resolve("model"));
                        for (Path report : List.of(
                                out.resolve("report.html"),
                                out.resolve("validation-recordings/report.html"),
                                out.resolve("test-recordings/report.html"))) {
                            if (Files.isRegularFile(report)) {
                                System.out.println("report: " + report);
                            }
                        }
                        return 0;
                    });
        }

        private int trainSeries(Map<String, List<Path>> split) throws Exception {
            if (split.get("validation").isEmpty()) {
                throw new IllegalArgumentException(
                        "--series needs --validation-recordings (or --validation-series): every setting is chosen on"
                                + " other recordings");
            }
            List<SeriesExperiment.Settings> grid = new ArrayList<>();
            for (String a : architecture) {
                for (int w : or(window, 119)) {
                    for (double l : or(lr, List.of(1e-3, 3e-3))) {
                        for (int h : a.equals("logistic") ? List.of(1) : or(hidden, 32)) {
                            grid.add(new SeriesExperiment.Settings(
                                    a,
                                    w,
                                    h,
                                    one(steps, 3000, "--steps"),
                                    one(batch, 64, "--batch-size"),
                                    l,
                                    seed,
                                    evaluateEvery));
                        }
                    }
                }
            }
            engine.start();
            long t0 = System.nanoTime();
            if (resume) {
                Checkpoint.requireForResume(out.resolve("candidates"));
            }
            StopRequest stop = new StopRequest();
            return StopOnSignal.run(
                    stop::request,
                    () -> SeriesExperiment.runOnFiles(
                            names(split.get("train")),
                            names(split.get("validation")),
                            names(split.get("test")),
                            grid,
                            out,
                            resume,
                            ConsoleProgress::new,
                            stop),
                    r -> {
                        if (r.stopped()) {
                            System.out.printf(
                                    "stopped after %d of %d candidates, with a checkpoint in %s (continue"
                                            + " with --resume)%n",
                                    r.candidates().size(), grid.size(), out.resolve("candidates"));
                            return 130;
                        }
                        System.out.print(Files.readString(out.resolve("summary.md")));
                        Path test = out.resolve("test-recordings/summary.md");
                        if (Files.isRegularFile(test)) {
                            System.out.print("\nTest recordings (scored by the saved model, as bursts test does):\n"
                                    + Files.readString(test));
                        }
                        System.out.printf(
                                Locale.ROOT,
                                "%nchosen on validation: %s (step %d)%nmodel: %s%nreport: %s%n" + "took %.0f s%n",
                                r.chosen().settings().label(),
                                r.chosen().bestStep(),
                                out.resolve("model"),
                                out.resolve("report.html"),
                                (System.nanoTime() - t0) / 1e9);
                        return 0;
                    });
        }

        private static List<String> names(List<Path> paths) {
            return paths.stream().map(Path::toString).toList();
        }

        private static <T> T one(List<T> values, T fallback, String flag) {
            if (values == null || values.isEmpty()) {
                return fallback;
            }
            if (values.size() > 1) {
                throw new IllegalArgumentException(
                        flag + " takes one value here (lists are for --series), got " + values);
            }
            return values.get(0);
        }

        private static <T> List<T> or(List<T> values, T fallback) {
            return or(values, List.of(fallback));
        }

        private static <T> List<T> or(List<T> values, List<T> fallback) {
            return values == null || values.isEmpty() ? fallback : values;
        }
    }

    @Command(
            name = "forecast",
            mixinStandardHelpOptions = true,
            description = "Forecast with a saved model: one JSON line per frame (frame, time, probability, calibrated,"
                    + " alert). A video model reads a video file, a folder of frames, standard input (--video -),"
                    + " a live stream (udp://, tcp://, rtsp://, srt:// URLs) or a camera (/dev/video0); a series"
                    + " model reads a series CSV (--series).")
    static final class Forecast implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "bundle folder written by bursts train")
        Path model;

        @Option(
                names = "--video",
                description = "video file, folder of frames, - for standard input (a streamable container), a stream"
                        + " URL FFmpeg reads (udp://127.0.0.1:5000, tcp://..., rtsp://..., srt://...) or /dev/video0")
        String video;

        @Option(names = "--series", description = "a per-frame series CSV (layout of bursts label), for a series model")
        Path series;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--threshold",
                description = "alert threshold (default: the bundle's validation Youden threshold)")
        Double threshold;

        @Option(
                names = "--follow",
                description = "the file is still being written: keep reading as it grows, stop after"
                        + " --idle-seconds without growth (Matroska/WebM or MPEG-TS)")
        boolean follow;

        @FlagRange(min = 0, minExcluded = true, max = 1e6)
        @Option(
                names = "--idle-seconds",
                defaultValue = "5",
                description = "with --follow: stop when the file has not grown this long; for a live stream: fail"
                        + " when no data came this long (default: ${DEFAULT-VALUE})")
        double idleSeconds;

        @Option(
                names = "--realtime",
                description = "never fall more than half a second behind a live stream: when the model is slower,"
                        + " the oldest frames are dropped (their count is printed at the end)")
        boolean realtime;

        private final ObjectMapper json = new ObjectMapper();

        @Override
        public Integer call() throws Exception {
            if ((video == null) == (series == null)) {
                throw new IllegalArgumentException("give either --video or --series");
            }
            engine.start();
            try {
                return series != null ? forecastSeries() : forecastVideo();
            } catch (ReaderGone gone) {
                return 0;
            }
        }

        private int forecastSeries() throws Exception {
            BurstSeries s = BurstSeries.read(series);
            try (NDManager manager = NDManager.newBaseManager();
                    SeriesForecaster f = SeriesForecaster.load(model, manager)) {
                double[] p = f.probabilities(s);
                double t = threshold != null ? threshold : f.info().alertThreshold();
                for (int i = 0; i < p.length; i++) {
                    print(new BurstForecaster.Forecast(
                            s.firstFrame() + i,
                            s.time()[i],
                            p[i],
                            f.info().calibration().apply(p[i]),
                            !Double.isNaN(p[i]) && p[i] >= t));
                }
            }
            return 0;
        }

        private int forecastVideo() throws Exception {
            try (NDManager manager = NDManager.newBaseManager();
                    BurstForecaster f = BurstForecaster.load(model, manager);
                    var reader = BurstForecaster.input(video, follow, idleSeconds, realtime)) {
                double t = threshold != null ? threshold : f.threshold();
                try {
                    f.run(reader, t, this::print);
                } finally {
                    if (realtime) {
                        System.err.printf("skipped %d frames to keep up (--realtime)%n", reader.skipped());
                    }
                }
            }
            return 0;
        }

        private void print(BurstForecaster.Forecast fc) throws IOException {
            ObjectNode line = json.createObjectNode();
            line.put("frame", fc.frame());
            line.put("time", Math.round(fc.time() * 1e4) / 1e4);
            if (Double.isNaN(fc.probability())) {
                line.putNull("probability");
                line.putNull("calibrated");
            } else {
                line.put("probability", fc.probability());
                line.put("calibrated", fc.calibrated());
            }
            line.put("alert", fc.alert());
            System.out.println(json.writeValueAsString(line));
            System.out.flush();
            if (System.out.checkError()) {
                throw new ReaderGone();
            }
        }

        /** Whoever read our output has gone (`| head -1`, a closed pipe): stop decoding, as a Unix tool does. */
        private static final class ReaderGone extends IOException {
            ReaderGone() {
                super("standard output closed");
            }
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Forecast a live source (as bursts forecast --video reads it) behind a web page: the current frame,"
                        + " the probability trace with its threshold, the calibrated probability and the alerts.",
                "Endpoints: / (the page), /events (Server-Sent Events, one per forecast), /forecasts?n=N and"
                        + " /alerts (JSON), /frame.png, /healthz, /metrics (Prometheus). Ctrl-C stops."
            })
    static final class Serve implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Option(names = "--model", required = true, description = "video bundle folder written by bursts train")
        Path model;

        @Option(
                names = "--video",
                required = true,
                description = "video file, folder of frames, -, a stream URL (udp://, tcp://, rtsp://, srt://) or"
                        + " /dev/video0")
        String video;

        @Option(
                names = "--host",
                defaultValue = "127.0.0.1",
                description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 opens it"
                        + " to the network)")
        String host;

        @FlagRange(min = 0, max = 65535)
        @Option(names = "--port", defaultValue = "8080", description = "(default: ${DEFAULT-VALUE}; 0: any free)")
        int port;

        @FlagRange(min = 0, max = 1)
        @Option(
                names = "--threshold",
                description = "alert threshold (default: the bundle's validation Youden threshold)")
        Double threshold;

        @Option(names = "--follow", description = "the file is still being written (see bursts forecast)")
        boolean follow;

        @FlagRange(min = 0, minExcluded = true, max = 1e6)
        @Option(
                names = "--idle-seconds",
                defaultValue = "10",
                description = "live stream: fail after this long without data (default: ${DEFAULT-VALUE})")
        double idleSeconds;

        @Option(
                names = "--realtime",
                description = "never fall more than half a second behind the source (drops the oldest frames)")
        boolean realtime;

        @Option(
                names = "--on-alert",
                description = "shell command run on each alert (AUGUR_ALERT_FRAME, _TIME, _PROBABILITY set)")
        String onAlert;

        @Option(names = "--alert-url", description = "URL each alert is POSTed to as JSON")
        URI alertUrl;

        @FlagRange(min = 0, max = 1000)
        @Option(
                names = "--alert-retries",
                defaultValue = "3",
                description = "further attempts after a failed POST (default: ${DEFAULT-VALUE})")
        int retries;

        @Option(names = "--exit-when-done", description = "stop serving when the source ends (default: keep serving)")
        boolean exitWhenDone;

        @Override
        public Integer call() throws Exception {
            engine.start();
            BurstServe.Settings s = new BurstServe.Settings(
                    video,
                    follow,
                    idleSeconds,
                    realtime,
                    host,
                    port,
                    threshold == null ? Double.NaN : threshold,
                    onAlert,
                    alertUrl,
                    retries);
            try (NDManager manager = NDManager.newBaseManager();
                    BurstServe serve = BurstServe.open(model, s, manager)) {
                Runtime.getRuntime().addShutdownHook(new Thread(serve::close));
                System.out.printf("serving on http://%s:%d/%n", host, serve.port());
                System.out.flush();
                int n = serve.forecast();
                System.out.printf(
                        "%s ended after %d frames, %d alerts%n",
                        video, n, serve.live().alertCount());
                if (!exitWhenDone) {
                    System.out.println("still serving (Ctrl-C stops)");
                    serve.awaitClose();
                }
            }
            return 0;
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = {
                "Score forecasters on labelled recordings none of them was fitted on: a saved model (optional),"
                        + " forecasts made elsewhere and seed 000's baseline, on the frames every one of them scored.",
                "One recording: summary.md, metrics.json, scores.csv and report.html in --out. Several (--series or"
                        + " --video repeated, folders, globs, list files): each alone in --out/recordings/<name>/, and"
                        + " all pooled in --out (per-recording table and chart, intervals that resample recordings)."
            })
    static final class Test implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @Option(names = "--model", description = "bundle folder written by bursts train (video or series model)")
        Path model;

        @Option(
                names = "--series",
                description = "labelled series CSV(s) (layout of bursts label): files, folders, 'globs', lists (.txt);"
                        + " repeatable")
        List<String> series = new ArrayList<>();

        @Option(
                names = "--video",
                description = "video(s) (or a folder of frames), labelled here with the model's rule; repeatable,"
                        + " folders of videos, 'globs', lists (.txt)")
        List<String> video = new ArrayList<>();

        @Option(
                names = "--forecasts",
                description = "NAME=FILE.csv with columns frame,probability (repeatable; one recording only)")
        LinkedHashMap<String, Path> forecasts = new LinkedHashMap<>();

        @Option(names = "--out", required = true, description = "folder for the summaries, metrics and reports")
        Path out;

        @Override
        public Integer call() throws Exception {
            engine.start();
            try (NDManager manager = NDManager.newBaseManager()) {
                System.out.print(BurstScoring.test(model, series, video, forecasts, out, manager));
            }
            return 0;
        }
    }

    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = "(Re)write the self-contained HTML report of a bursts train run folder.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--run", required = true, description = "the --out folder of bursts train")
        Path run;

        @Override
        public Integer call() throws Exception {
            System.out.println("wrote " + BurstReport.write(run));
            return 0;
        }
    }

    @Command(
            name = "realism",
            mixinStandardHelpOptions = true,
            description = "A recording's statistics (positive frames, burst episodes, intervals, energy quantiles,"
                    + " autocorrelation) beside a real recording's: seed 000's real tank by default.")
    static final class Realism implements Callable<Integer> {
        @Option(
                names = "--video",
                description =
                        "the recording to check (e.g. a simulated tank), labelled with seed 000's rule as published")
        Path video;

        @Option(names = "--sim-series", description = "or its labelled series CSV")
        Path simSeries;

        @Option(
                names = "--series",
                description = "the real recording's labelled series CSV (default: seed 000's published statistics)")
        Path series;

        @Option(
                names = "--out",
                defaultValue = "runs/realism",
                description = "folder for realism.md, realism.csv, realism.png (default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            if ((video == null) == (simSeries == null)) {
                throw new IllegalArgumentException("give either --video or --sim-series");
            }
            BurstSeries sim = video != null ? VideoLabels.seed000(video).series() : BurstSeries.read(simSeries);
            BurstSeries real = series == null ? null : BurstSeries.read(series);
            System.out.print(RealismReport.write(sim, real, out));
            System.out.println("wrote " + out.resolve("realism.md") + ", realism.csv, realism.png");
            return 0;
        }
    }

    @Command(
            name = "study",
            mixinStandardHelpOptions = true,
            description =
                    "Does video add information? Per simulator seed: the video ConvLSTM, the series forecaster and"
                            + " the baseline on the same held-out frames, against the labels and the true "
                            + "chase onsets.")
    static final class Study implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        EngineOptions engine;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(
                names = "--seeds",
                split = ",",
                defaultValue = "1,2,3",
                description = "simulator (and training) seeds (default: ${DEFAULT-VALUE})")
        List<Long> seeds;

        @FlagRange(min = 0, minExcluded = true, max = 1e6)
        @Option(
                names = "--minutes",
                defaultValue = "30",
                description = "minutes of simulated video per seed (default: ${DEFAULT-VALUE})")
        double minutes;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--steps",
                defaultValue = "3000",
                description = "video ConvLSTM training steps, the quickstart's (default: ${DEFAULT-VALUE})")
        int steps;

        @FlagRange(min = 1, max = 100_000_000)
        @Option(
                names = "--series-steps",
                defaultValue = "1500",
                description = "series forecaster steps per candidate (default: ${DEFAULT-VALUE})")
        int seriesSteps;

        @Option(names = "--out", defaultValue = "runs/sim-study", description = "(default: ${DEFAULT-VALUE})")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!(minutes >= 5) || steps < 1 || seriesSteps < 1 || seeds.isEmpty()) {
                throw new IllegalArgumentException(
                        "--minutes must be >= 5 and --steps, --series-steps >= 1, with one seed or more");
            }
            engine.start();
            long t0 = System.nanoTime();
            List<SimulatorStudy.SeedResult> r =
                    SimulatorStudy.run(seeds, minutes * 60, steps, seriesSteps, out, System.out, ConsoleProgress::new);
            System.out.print(SimulatorStudy.table(r));
            System.out.printf(
                    Locale.ROOT, "wrote %s; took %.0f s%n", out.resolve("study.md"), (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
