package dev.augur.cli;

import dev.augur.events.BurstQuickstart;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: the fish burst forecaster end to end on a simulated tank — simulate, label, train, evaluate
 * against the baseline, report — under runs/quickstart/.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Simulate a fish tank, label bursts, train the ConvLSTM forecaster, score it beside seed 000's"
                + " baseline on held-out time blocks and write an HTML report (runs/quickstart/).")
final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--out", defaultValue = "runs/quickstart", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--minutes", defaultValue = "30", description = "minutes of simulated video (default: ${DEFAULT-VALUE}, as seed 000)")
    double minutes;

    @Option(names = "--steps", defaultValue = "3000", description = "training steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "1", description = "simulator seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (!(minutes >= 3)) {
            throw new IllegalArgumentException("--minutes must be at least 3 (the test block is the last tenth), got " + minutes);
        }
        engine.start();
        long t0 = System.nanoTime();
        BurstQuickstart.Result r = BurstQuickstart.run(out, minutes * 60, steps, seed, System.out, ConsoleProgress::new);
        System.out.print(r.experiment().test().table());
        System.out.printf(Locale.ROOT, "%nreport: %s%nmodel: %s%ntook %.1f s%n", r.report(), out.resolve("run/model"),
                (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
