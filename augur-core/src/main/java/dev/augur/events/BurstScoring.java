package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.data.RecordingFiles;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code bursts test} scores: one labelled recording (a series file, or a video labelled here), a saved
 * forecaster of either kind (video or series; optional), forecasts made elsewhere, and seed 000's baseline — each
 * as a probability per frame of the recording, with the threshold chosen on validation where one is known.
 */
public final class BurstScoring {
    private BurstScoring() {}

    public record Scored(BurstSeries series, List<ForecastComparison.Forecaster> forecasters) {}

    /**
     * @param model     a bundle of {@code bursts train} (video or series), or null
     * @param series    a labelled series CSV, or null when {@code video} is given
     * @param video     a video (or folder of frames) to label here, or null
     * @param forecasts name → CSV {@code frame,probability} of forecasts made elsewhere
     */
    public static Scored load(Path model, Path series, Path video, Map<String, Path> forecasts, NDManager manager)
            throws IOException {
        if ((series == null) == (video == null)) {
            throw new IllegalArgumentException("give exactly one recording: --series or --video");
        }
        String task = model == null ? null : existingBundle(model);
        BurstSeries s;
        List<ForecastComparison.Forecaster> fs = new ArrayList<>();
        double baselineThreshold = Double.NaN;
        if (video != null && BurstExperiment.TASK.equals(task)) {
            ModelBundle bundle = ModelBundle.read(model, BurstExperiment.TASK);
            BurstRule rule =
                    bundle.section("data", BurstExperiment.DataInfo.class).rule();
            AlgorithmicBaseline baseline = AlgorithmicBaseline.seed000()
                    .scaled(rule.minRange() / BurstRule.seed000().minRange());
            s = VideoLabels.of(video, BurstForecaster.readerOptions(), rule, baseline, false)
                    .series();
            fs.add(videoForecaster(model, video, s.length(), manager));
        } else {
            s = series != null
                    ? BurstSeries.read(series)
                    : VideoLabels.of(
                                    video,
                                    BurstForecaster.readerOptions(),
                                    BurstRule.seed000(),
                                    AlgorithmicBaseline.seed000(),
                                    false)
                            .series();
            if (task != null) {
                if (!SeriesForecaster.TASK.equals(task)) {
                    throw new IllegalArgumentException(
                            model + ": a '" + task + "' model reads video: score it with --video");
                }
                ForecastComparison.Forecaster f = SeriesExperiment.forecaster(model, s, manager, null);
                fs.add(f);
                baselineThreshold = ModelBundle.read(model, SeriesForecaster.TASK)
                        .section("model", SeriesForecaster.SeriesModel.class)
                        .baselineThreshold();
            }
        }
        for (Map.Entry<String, Path> e : forecasts.entrySet()) {
            fs.add(new ForecastComparison.Forecaster(
                    e.getKey(), ForecastComparison.readForecasts(e.getValue(), s), Double.NaN));
        }
        if (Arrays.stream(s.baseline()).anyMatch(Double::isFinite)) {
            fs.add(new ForecastComparison.Forecaster("seed 000 baseline", s.baseline(), baselineThreshold));
        }
        return new Scored(s, fs);
    }

    private static String existingBundle(Path model) throws IOException {
        if (!Files.isDirectory(model)) {
            throw new NoSuchFileException(model.toString(), null, "no model bundle folder here");
        }
        return ModelBundle.task(model);
    }

    /** A video forecaster's raw probability for each of {@code frames} frames of {@code video}. */
    private static ForecastComparison.Forecaster videoForecaster(Path model, Path video, int frames, NDManager manager)
            throws IOException {
        double[] p = new double[frames];
        Arrays.fill(p, Double.NaN);
        try (BurstForecaster f = BurstForecaster.load(model, manager);
                FrameSource reader = FrameCache.open(video, BurstForecaster.readerOptions())) {
            f.run(reader, f.threshold(), fc -> {
                if (fc.frame() < frames) {
                    p[fc.frame()] = fc.probability();
                }
            });
            String name = ModelBundle.read(model, BurstExperiment.TASK)
                    .section("model", BurstExperiment.BurstModel.class)
                    .settings()
                    .model()
                    .displayName();
            return new ForecastComparison.Forecaster(name, p, f.threshold());
        }
    }

    /**
     * What {@code bursts test} does: one recording scored alone (with forecasts made elsewhere, if given), or many,
     * each alone (its own summary and report in {@code out/recordings/<name>/}) and all pooled
     * ({@link PooledComparison}, in {@code out}). Returns what to print.
     *
     * @param series series files, folders of them, globs or list files
     * @param videos videos, folders of them (a folder of frames is one recording), globs or list files
     */
    public static String test(
            Path model,
            List<String> series,
            List<String> videos,
            Map<String, Path> forecasts,
            Path out,
            NDManager manager)
            throws IOException {
        if (series.isEmpty() && videos.isEmpty()) {
            throw new IllegalArgumentException("give the recordings to score: --series or --video");
        }
        List<Path> seriesFiles = series.isEmpty() ? List.of() : RecordingFiles.resolve(series, Set.of(".csv"));
        List<Path> videoFiles = RecordingFiles.videos(videos);
        int horizon = BurstRule.seed000().horizon();
        if (seriesFiles.size() + videoFiles.size() == 1) {
            Path seriesFile = seriesFiles.isEmpty() ? null : seriesFiles.get(0);
            Path videoFile = videoFiles.isEmpty() ? null : videoFiles.get(0);
            Scored s = load(model, seriesFile, videoFile, forecasts, manager);
            ForecastComparison.Result r = ForecastComparison.compare(
                    (seriesFile != null ? seriesFile : videoFile).toString(), s.series(), s.forecasters(), horizon);
            ForecastComparison.write(r, s.series(), s.forecasters(), out);
            return ForecastComparison.table(r) + "wrote " + out.resolve("summary.md")
                    + ", metrics.json, scores.csv, report.html\n";
        }
        if (!forecasts.isEmpty()) {
            throw new IllegalArgumentException(
                    "--forecasts names one recording's frames: use it when scoring one recording");
        }
        PooledComparison.Result r = scoreMany(model, seriesFiles, videoFiles, out, manager);
        return PooledComparison.table(r) + "wrote " + out.resolve("summary.md") + ", metrics.json, report.html,"
                + " recordings/<name>/\n";
    }

    private static PooledComparison.Result scoreMany(
            Path model, List<Path> seriesFiles, List<Path> videoFiles, Path out, NDManager manager) throws IOException {
        int horizon = BurstRule.seed000().horizon();
        List<PooledComparison.Recording> recordings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path p : concat(seriesFiles, videoFiles)) {
            boolean isVideo = videoFiles.contains(p);
            Scored s = load(model, isVideo ? null : p, isVideo ? p : null, Map.of(), manager);
            String name = p.getFileName().toString();
            if (!names.add(name)) {
                name = p.toString(); // two days' files of the same name in different folders
                names.add(name);
            }
            recordings.add(new PooledComparison.Recording(name, s.series(), s.forecasters()));
            try {
                ForecastComparison.Result alone =
                        ForecastComparison.compare(p.toString(), s.series(), s.forecasters(), horizon);
                ForecastComparison.write(
                        alone,
                        s.series(),
                        s.forecasters(),
                        out.resolve("recordings").resolve(name.replace('/', '_')));
            } catch (IllegalArgumentException notAlone) {
                // too few frames or one class only: the recording still counts in the pool
            }
        }
        PooledComparison.Result pooled = PooledComparison.compare(recordings, horizon);
        PooledComparison.write(pooled, out);
        return pooled;
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        List<Path> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
