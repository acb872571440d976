package dev.augur.cli;

import dev.augur.io.FlagRange;
import dev.augur.video.VideoData;
import dev.augur.video.VideoRace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "race",
        mixinStandardHelpOptions = true,
        description = "The equal-time study: every model trains for the same wall-clock budget on this machine and "
                + "is scored on one fixed test set along the way (scoring stops its clock). Writes race.csv, race.md, "
                + "mse_vs_time.png and ssim_vs_time.png; finished runs are kept when the command is run again.")
final class VideoRaceCommand implements Callable<Integer> {
    private static final Pattern BUDGET = Pattern.compile("(\\d+(?:\\.\\d+)?)([smh])");

    @Mixin
    EngineOptions engine;

    @Mixin
    VideoDataOptions data;

    @Option(names = "--out", required = true, description = "race folder (one run folder per model and seed)")
    Path out;

    @Option(
            names = "--models",
            defaultValue = "convlstm,predrnn,predrnn_plus,simvp,tau",
            split = ",",
            description = "the line-up (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(
            names = "--budget",
            defaultValue = "2h",
            converter = Budget.class,
            description = "training time per model and seed: 90s, 20m, 2h, 1.5h (default: ${DEFAULT-VALUE})")
    Duration budget;

    @FlagRange(min = 1, max = 1000)
    @Option(
            names = "--evaluations",
            defaultValue = "6",
            description = "scores per run, evenly spaced in training time (default: ${DEFAULT-VALUE})")
    int evaluations;

    @FlagRange(min = 1, max = 1_000_000)
    @Option(
            names = "--test-sequences",
            defaultValue = "1000",
            description = "fixed test sequences, the same for every run (default: ${DEFAULT-VALUE})")
    int testSequences;

    @FlagRange(min = 0, max = Long.MAX_VALUE)
    @Option(
            names = "--seeds",
            defaultValue = "1",
            split = ",",
            description = "training seeds; three make a result (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @FlagRange(min = 1, max = 1000)
    @Option(names = "--input-length", defaultValue = "10", description = "J (default: ${DEFAULT-VALUE})")
    int inputLength;

    @FlagRange(min = 1, max = 1000)
    @Option(names = "--future", defaultValue = "10", description = "K (default: ${DEFAULT-VALUE})")
    int future;

    @Override
    public Integer call() throws Exception {
        VideoRace.Settings settings = new VideoRace.Settings(budget, evaluations, testSequences, seeds);
        // the test set is drawn once, under seed 0, for every run; each run trains under its own seed
        VideoData base = data.data(0);
        engine.start();
        List<VideoRace.Entrant> lineUp = VideoRace.lineUp(models, data.channels(), data.side(), inputLength, future);
        new VideoRace(base, lineUp, settings, out, System.out).run(future);
        System.out.println("race: " + out.resolve("race.md") + ", " + out.resolve("mse_vs_time.png"));
        System.out.print(Files.readString(out.resolve("race.md")));
        return 0;
    }

    /** A budget as users write it, read while the arguments are parsed (a bad one is a usage error, exit 2). */
    static final class Budget implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static Duration parse(String text) {
        Matcher m = BUDGET.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("a number and s, m or h is expected (90s, 20m, 2h), got '" + text + "'");
        }
        double seconds = Double.parseDouble(m.group(1))
                * switch (m.group(2)) {
                    case "s" -> 1;
                    case "m" -> 60;
                    default -> 3600;
                };
        if (seconds < 1 || seconds > 7 * 24 * 3600) {
            throw new IllegalArgumentException("between 1 s and 7 days is expected, got '" + text + "'");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
