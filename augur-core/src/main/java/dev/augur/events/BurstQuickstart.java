package dev.augur.events;

import dev.augur.data.VideoReader;
import dev.augur.train.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The main job, end to end on a simulated tank: simulate 30 minutes, label them, train the reduced burst
 * forecaster on the first 25, score it and the refit baseline on the last 5, and write the report.
 */
public final class BurstQuickstart {
    private BurstQuickstart() {}

    public record Result(Path video, double energyCorrelation, double prevalence, BurstExperiment.Result experiment,
                         Path report) {}

    public static Result run(Path out, double seconds, int steps, long seed, PrintStream log,
                             Function<String, ProgressListener> progress) throws IOException {
        Path video = out.resolve("tank.mkv");
        log.printf(Locale.ROOT, "[1/4] simulating %.0f s of tank (seed %d) -> %s%n", seconds, seed, video);
        FishTankSimulator.Truth truth = new FishTankSimulator(FishTankSimulator.Config.standard(), seed).simulate(seconds, video,
                progress.apply("simulate"));
        log.printf(Locale.ROOT, "      %d frames, %d chases%n", truth.frames(), truth.chases().size());

        log.println("[2/4] motion energy, burst labels and the algorithmic baseline -> labels.csv");
        VideoLabels labels = VideoLabels.of(video, VideoReader.Options.seed000(), BurstRule.seed000(),
                AlgorithmicBaseline.seed000(), true);
        labels.writeCsv(out.resolve("labels.csv"));
        double r = truth.energyCorrelation(labels.energy());
        log.printf(Locale.ROOT, "      motion energy vs true group speed: r = %.3f; label prevalence %.3f%n", r,
                labels.prevalence());

        BurstSeries asPublished = VideoLabels.of(video, VideoReader.Options.seed000(), BurstRule.seed000(),
                AlgorithmicBaseline.seed000(), false).series();
        String realism = RealismReport.write(asPublished, null, out.resolve("run"));
        long agree = RecordingStatistics.rows(RecordingStatistics.of(asPublished, BurstRule.seed000().horizon()),
                RealismReport.SEED000_TRAINING).stream().filter(RecordingStatistics.Row::agrees).count();
        log.printf(Locale.ROOT, "      realism: %d of %d statistics within 20%% of seed 000's real tank (run/realism.md)%n",
                agree, realism.lines().count() - 2);

        log.printf(Locale.ROOT, "[3/4] training the ConvLSTM forecaster (%d steps) and scoring it beside the baseline%n", steps);
        BurstExperiment.Settings reduced = BurstExperiment.Settings.reduced(steps);
        BurstExperiment.Settings s = new BurstExperiment.Settings(reduced.model(), reduced.factor(), steps,
                reduced.batchSize(), reduced.learningRate(), reduced.seed(), 2, reduced.checkpointEvery());
        BurstExperiment.Result e = BurstExperiment.run(video, s, out.resolve("run"), true, progress.apply("train"));
        log.println("[4/4] report -> " + out.resolve("run/report.html"));
        return new Result(video, r, labels.prevalence(), e, out.resolve("run/report.html"));
    }
}
