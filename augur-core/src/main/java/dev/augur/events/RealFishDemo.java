package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.FrameCache;
import dev.augur.data.FrameSource;
import dev.augur.data.VideoReader;
import dev.augur.io.AtomicFiles;
import dev.augur.train.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Seed 000's real recording end to end: its published blocks turned into series files, the parity checks (the
 * label rule against the author's labels, motion energy of the sample frames against the published ỹ), the series
 * forecasters trained and chosen on the validation block, and — where the folder holds a test block — all of
 * them scored on it. Writes {@code out/series/}, {@code out/run/} (model, report) and {@code out/summary.md}.
 */
public final class RealFishDemo {
    private RealFishDemo() {}

    public record Result(List<String> parity, SeriesExperiment.Result training, ForecastComparison.Result test) {}

    /**
     * Folders of sample frames: ../shared/data/fish-lin2021/frames or the seed repository's "sample training images".
     */
    static final List<String> FRAME_FOLDERS = List.of("frames", "sample training images");

    public static Result run(
            Path from, Path out, List<SeriesExperiment.Settings> grid, Function<String, ProgressListener> progress)
            throws IOException {
        List<FishLin2021.Block> blocks;
        try (NDManager m = NDManager.newBaseManager()) {
            blocks = FishLin2021.read(from, m);
        }
        FishLin2021.Block train = block(blocks, "train", from);
        FishLin2021.Block validation = block(blocks, "validation", from);
        Files.createDirectories(out.resolve("series"));
        List<String> parity = new ArrayList<>();
        for (FishLin2021.Block b : blocks) {
            b.series().write(out.resolve("series").resolve(b.name() + ".csv"));
            parity.add(String.format(
                    Locale.ROOT,
                    "%s block: %d frames; %s",
                    b.name(),
                    b.series().length(),
                    b.publishedLabels()
                            ? "seed 000's rule reproduces the published labels on "
                                    + (b.series().length() - b.ruleDisagreements()) + " of "
                                    + b.series().length() + " frames"
                            : "no published labels: labelled with seed 000's rule"));
        }
        parity.add(energyParity(from, train.series()));
        SeriesExperiment.Result r = SeriesExperiment.run(
                List.of(train.series()), validation.series(), grid, out.resolve("run"), true, progress);
        ForecastComparison.Result test = null;
        for (FishLin2021.Block b : blocks) {
            if (b.name().equals("test")) {
                List<ForecastComparison.Forecaster> fs = new ArrayList<>();
                try (NDManager m = NDManager.newBaseManager()) {
                    fs.add(SeriesExperiment.forecaster(out.resolve("run/model"), b.series(), m, null));
                }
                fs.add(new ForecastComparison.Forecaster(
                        "seed 000 baseline",
                        b.series().baseline(),
                        r.validation()
                                .rows()
                                .get(r.validation().rows().size() - 1)
                                .atValidationThreshold()
                                .threshold()));
                test = ForecastComparison.compare(
                        "test block", b.series(), fs, BurstRule.seed000().horizon());
                ForecastComparison.write(test, b.series(), fs, out.resolve("test"));
            }
        }
        StringBuilder s = new StringBuilder("# Seed 000's real recording\n\n## Parity\n\n");
        parity.forEach(p -> s.append("- ").append(p).append('\n'));
        s.append("\n## Validation block (every setting chosen here)\n\n")
                .append(ForecastComparison.table(r.validation()));
        s.append('\n').append(Files.readString(out.resolve("run/selection.md")));
        if (test != null) {
            s.append("\n## Test block (scored once, after every choice was made)\n\n")
                    .append(ForecastComparison.table(test));
        }
        AtomicFiles.writeString(out.resolve("summary.md"), s.toString());
        return new Result(parity, r, test);
    }

    private static FishLin2021.Block block(List<FishLin2021.Block> blocks, String name, Path from) throws IOException {
        return blocks.stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IOException(from + ": has no " + name + "/ block (Y_tilde.npy)"));
    }

    /** Motion energy of the sample frames (as the author read them: 240×320 grey, no resizing) against ỹ. */
    static String energyParity(Path from, BurstSeries train) throws IOException {
        for (String name : FRAME_FOLDERS) {
            Path dir = from.resolve(name);
            if (Files.isDirectory(dir)) {
                double[] e;
                try (FrameSource f = FrameCache.open(dir, new VideoReader.Options(240, 320, 30, null))) {
                    e = MotionEnergy.of(f);
                }
                double worst = 0;
                for (int t = 0; t < e.length; t++) {
                    worst = Math.max(worst, Math.abs(e[t] - train.energy()[t]));
                }
                return String.format(
                        Locale.ROOT,
                        "motion energy of the %d sample frames in %s reproduces the published"
                                + " ỹ[0 … %d] to %.1e (largest difference)",
                        e.length + 1,
                        dir.getFileName(),
                        e.length - 1,
                        worst);
            }
        }
        return "no sample frames found (" + String.join(", ", FRAME_FOLDERS) + "): motion energy not checked";
    }
}
