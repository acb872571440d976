package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
}
