package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.eval.Estimate;
import dev.augur.eval.SeedSpread;
import dev.augur.io.AtomicFiles;
import dev.augur.train.ModelBundle;
import dev.augur.train.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Does video add information? On the calibrated simulator, for each simulator seed: the video ConvLSTM (the
 * quickstart's configuration), the series forecaster (motion energy only) and seed 000's baseline, all fitted and
 * chosen on the first 27 minutes, scored on the same held-out frames of the last 3 — against the motion-energy
 * labels and against the simulator's true chase onsets, which motion energy does not decide. Resumable: a seed's
 * finished parts are kept. Writes {@code out/seed-N/…} and {@code out/study.md}.
 */
public final class SimulatorStudy {
    private SimulatorStudy() {}

    /** One seed's two comparisons. */
    public record SeedResult(long seed, ForecastComparison.Result labels, ForecastComparison.Result chases) {}

    public static List<SeedResult> run(
            List<Long> seeds,
            double seconds,
            int videoSteps,
            int seriesSteps,
            Path out,
            PrintStream log,
            Function<String, ProgressListener> progress)
            throws IOException {
        List<SeedResult> results = new ArrayList<>();
        for (long seed : seeds) {
            log.printf(Locale.ROOT, "simulator seed %d%n", seed);
            results.add(runSeed(seed, seconds, videoSteps, seriesSteps, out.resolve("seed-" + seed), log, progress));
            AtomicFiles.writeString(out.resolve("study.md"), table(results));
        }
        return results;
    }

    /**
     * One seed end to end, the quickstart's pipeline: simulate, label ({@code labels.csv}, refit), compare with the
     * real tank ({@code run/realism.*}), train the video ConvLSTM ({@code run/}, report included), train the series
     * forecaster ({@code series/}), and score all three on the test block against the labels and the chase onsets
     * ({@code test-labels/}, {@code test-chases/}). Parts already finished in {@code dir} are kept.
     */
    public static SeedResult runSeed(
            long seed,
            double seconds,
            int videoSteps,
            int seriesSteps,
            Path dir,
            PrintStream log,
            Function<String, ProgressListener> progress)
            throws IOException {
        Files.createDirectories(dir);
        Path video = dir.resolve("tank.mkv");
        if (!Files.isRegularFile(FishTankSimulator.sibling(video, "chases.csv"))) {
            log.printf(Locale.ROOT, "[1/5] simulating %.0f s of tank (seed %d) -> %s%n", seconds, seed, video);
            FishTankSimulator.Truth truth = new FishTankSimulator(FishTankSimulator.Config.standard(), seed)
                    .simulate(seconds, video, progress.apply("simulate"));
            log.printf(
                    Locale.ROOT,
                    "      %d frames, %d chases%n",
                    truth.frames(),
                    truth.chases().size());
        }
        log.println("[2/5] motion energy, burst labels and the algorithmic baseline -> labels.csv; realism");
        VideoLabels labels = VideoLabels.of(
                video, VideoReader.Options.seed000(), BurstRule.seed000(), AlgorithmicBaseline.seed000(), true);
        labels.writeCsv(dir.resolve("labels.csv"));
        // the same motion energy, labelled with the seed's constants as published (no second decode)
        BurstSeries asPublished = labels.series().relabelled(BurstRule.seed000(), AlgorithmicBaseline.seed000(), false);
        RealismReport.write(asPublished, null, dir.resolve("run"));
        long agree = RecordingStatistics.rows(
                        RecordingStatistics.of(asPublished, BurstRule.seed000().horizon()),
                        RealismReport.SEED000_TRAINING)
                .stream()
                .filter(RecordingStatistics.Row::agrees)
                .count();
        log.printf(
                Locale.ROOT,
                "      label prevalence %.3f; %d of 11 statistics within 20%% of seed 000's real tank"
                        + " (run/realism.md)%n",
                labels.prevalence(),
                agree);

        log.printf(Locale.ROOT, "[3/5] the video ConvLSTM forecaster (%d steps) -> run/%n", videoSteps);
        BurstExperiment.Settings reduced = BurstExperiment.Settings.reduced(videoSteps);
        BurstExperiment.Settings vs = new BurstExperiment.Settings(
                reduced.model(),
                reduced.factor(),
                videoSteps,
                reduced.batchSize(),
                reduced.learningRate(),
                seed,
                1,
                reduced.checkpointEvery());
        Path videoRun = dir.resolve("run");
        if (!Files.isRegularFile(videoRun.resolve("test_scores.csv"))) {
            BurstExperiment.run(video, vs, videoRun, true, progress.apply("video"));
        }
        BurstSeries train;
        BurstSeries validation;
        BurstSeries test;
        int h;
        try (BurstData data = BurstData.read(
                video,
                VideoReader.Options.seed000(),
                reduced.factor(),
                BurstData.Split.seed000(),
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000(),
                dir)) {
            train = data.series(BurstData.Block.TRAIN, 30);
            validation = data.series(BurstData.Block.VALIDATION, 30);
            test = data.series(BurstData.Block.TEST, 30);
            h = data.rule().horizon();
        }
        log.printf(Locale.ROOT, "[4/5] the series forecaster on the same blocks (motion energy only) -> series/%n");
        SeriesExperiment.Result series = SeriesExperiment.run(
                List.of(train),
                validation,
                SeriesExperiment.Settings.demoGrid(seriesSteps, seed),
                dir.resolve("series"),
                true,
                progress);
        log.println("[5/5] all three on the test block, against the labels and the true chase onsets -> "
                + "test-labels/, test-chases/");
        List<ForecastComparison.Forecaster> fs = new ArrayList<>();
        fs.add(new ForecastComparison.Forecaster(
                "video ConvLSTM",
                videoProbabilities(videoRun, test),
                ModelBundle.read(videoRun.resolve("model"), BurstExperiment.TASK)
                        .section("model", BurstExperiment.BurstModel.class)
                        .alertThreshold()));
        try (NDManager m = NDManager.newBaseManager()) {
            fs.add(SeriesExperiment.forecaster(
                    dir.resolve("series/model"),
                    test,
                    m,
                    "series " + series.chosen().settings().displayName()));
        }
        double baselineThreshold = ModelBundle.read(dir.resolve("series/model"), SeriesForecaster.TASK)
                .section("model", SeriesForecaster.SeriesModel.class)
                .baselineThreshold();
        fs.add(new ForecastComparison.Forecaster("seed 000 baseline", test.baseline(), baselineThreshold));
        ForecastComparison.Result byLabels =
                ForecastComparison.compare("test block, motion-energy labels", test, fs, h);
        ForecastComparison.write(byLabels, test, fs, dir.resolve("test-labels"));
        BurstSeries chaseTest =
                ChaseOnsets.relabel(test, ChaseOnsets.read(FishTankSimulator.sibling(video, "chases.csv")), h);
        ForecastComparison.Result byChases =
                ForecastComparison.compare("test block, true chase onsets", chaseTest, fs, h);
        ForecastComparison.write(byChases, chaseTest, fs, dir.resolve("test-chases"));
        return new SeedResult(seed, byLabels, byChases);
    }

    /**
     * The video model's test-block probabilities (scores file of {@link BurstExperiment}, every frame) per series row.
     */
    static double[] videoProbabilities(Path videoRun, BurstSeries test) throws IOException {
        BurstReport.Scores s = BurstReport.Scores.read(videoRun.resolve("test_scores.csv"));
        double[] p = new double[test.length()];
        Arrays.fill(p, Double.NaN);
        for (int i = 0; i < s.frame().length; i++) {
            int t = s.frame()[i] - test.firstFrame();
            if (t >= 0 && t < p.length) {
                p[t] = s.model()[i];
            }
        }
        return p;
    }

    /** Per-seed ROC-AUCs, their mean ± sd over seeds, and the paired differences with their intervals. */
    public static String table(List<SeedResult> results) {
        StringBuilder b = new StringBuilder("# Does video add information? (calibrated simulator, test blocks)\n\n");
        for (String target : List.of("labels", "chases")) {
            b.append(
                    target.equals("labels")
                            ? "## Against the motion-energy labels\n\n"
                            : "## Against the true chase onsets\n\n");
            List<String> names = pick(results.get(0), target).rows().stream()
                    .map(ForecastComparison.Row::name)
                    .toList();
            b.append("| seed | frames | prevalence |");
            names.forEach(n -> b.append(' ').append(n).append(" ROC-AUC [95% CI] |"));
            b.append("\n|---|---|---|").append("---|".repeat(names.size())).append('\n');
            double[][] auc = new double[names.size()][results.size()];
            for (int s = 0; s < results.size(); s++) {
                ForecastComparison.Result r = pick(results.get(s), target);
                b.append(String.format(
                        Locale.ROOT, "| %d | %d | %.3f |", results.get(s).seed(), r.frames(), r.prevalence()));
                for (int i = 0; i < names.size(); i++) {
                    Estimate e = r.rows().get(i).rocAuc();
                    auc[i][s] = e.mean();
                    b.append(' ').append(e.text()).append(" |");
                }
                b.append('\n');
            }
            b.append("| mean ± sd | | |");
            for (double[] a : auc) {
                SeedSpread spread = SeedSpread.of(a);
                b.append(String.format(Locale.ROOT, " %.3f ± %.3f |", spread.mean(), spread.sd()));
            }
            b.append("\n\nPaired ROC-AUC differences (block bootstrap, per seed):\n\n");
            for (int d = 0; d < pick(results.get(0), target).differences().size(); d++) {
                ForecastComparison.Difference first =
                        pick(results.get(0), target).differences().get(d);
                b.append("- ")
                        .append(first.first())
                        .append(" − ")
                        .append(first.second())
                        .append(':');
                for (SeedResult r : results) {
                    Estimate e = pick(r, target).differences().get(d).rocAuc();
                    b.append(String.format(
                            Locale.ROOT, " seed %d %+.3f [%+.3f, %+.3f];", r.seed(), e.mean(), e.low(), e.high()));
                }
                b.append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static ForecastComparison.Result pick(SeedResult r, String target) {
        return target.equals("labels") ? r.labels() : r.chases();
    }
}
