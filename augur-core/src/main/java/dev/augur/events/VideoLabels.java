package dev.augur.events;

import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.data.VideoReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * One video's frame-by-frame targets: motion energy, burst labels and the algorithmic baseline's probability,
 * streamed from the file. Frame t's row holds ỹ[t] (frames t and t+1), label[t] and the baseline's P[t].
 */
public record VideoLabels(
        Path video,
        double fps,
        double[] energy,
        int[] labels,
        double[] baseline,
        BurstRule rule,
        AlgorithmicBaseline baselineModel) {

    /**
     * @param refit rescale the rule's c and the baseline's constants to this video's motion-energy span (use only
     *              on training footage; for test footage pass the rule and baseline refit on training blocks)
     */
    public static VideoLabels of(
            Path video, VideoReader.Options options, BurstRule rule, AlgorithmicBaseline baseline, boolean refit)
            throws IOException {
        try (FrameSource reader = FrameCache.open(video, options)) {
            return of(reader, video, options.fps(), rule, baseline, refit);
        }
    }

    /** Seed 000's labels and baseline of {@code video}, read as seed 000 read its footage (120×160, 30 fps). */
    public static VideoLabels seed000(Path video) throws IOException {
        return of(video, VideoReader.Options.seed000(), BurstRule.seed000(), AlgorithmicBaseline.seed000(), false);
    }

    /** {@code video} decoded at {@code height}×{@code width} and {@code fps}, labelled by {@code rule}. */
    public static VideoLabels of(Path video, int height, int width, double fps, BurstRule rule, boolean refit)
            throws IOException {
        return of(video, new VideoReader.Options(height, width, fps, null), rule, AlgorithmicBaseline.seed000(), refit);
    }

    /** The same from frames already open (decoded at {@code fps}); {@code video} names them in errors. */
    public static VideoLabels of(
            FrameSource frames, Path video, double fps, BurstRule rule, AlgorithmicBaseline baseline, boolean refit)
            throws IOException {
        double[] energy = MotionEnergy.of(frames);
        if (energy.length < rule.horizon() + 2) {
            throw new IOException(video + ": only " + (energy.length + 1) + " frames at " + fps
                    + " fps; burst labels need more than the " + rule.horizon() + "-frame horizon");
        }
        BurstRule r = refit ? rule.refit(energy) : rule;
        AlgorithmicBaseline b = refit ? baseline.refit(energy) : baseline;
        return new VideoLabels(video, fps, energy, r.labels(energy), b.probabilities(energy), r, b);
    }

    /** Onset frame of each burst episode ({@link LeadTime#episodes}, runs closer than the horizon merged). */
    public int[] burstOnsets() {
        int[] frames = IntStream.range(0, labels.length).toArray();
        return LeadTime.episodes(frames, labels, rule.horizon()).stream()
                .mapToInt(e -> e[1] + 1)
                .toArray();
    }

    public double prevalence() {
        return BurstRule.prevalence(labels);
    }

    /** The labelled series in {@code bursts label}'s layout. */
    public BurstSeries series() {
        return BurstSeries.of(video.toString(), fps, energy, labels, baseline);
    }

    public void writeCsv(Path file) throws IOException {
        series().write(file);
    }
}
