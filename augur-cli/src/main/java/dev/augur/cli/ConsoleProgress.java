package dev.augur.cli;

import dev.augur.train.ProgressListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long stage: a live bar with loss and ETA on a terminal, plain periodic lines anywhere else (logs,
 * CI). Stages without a loss (simulation) report NaN and are shown as frames.
 */
final class ConsoleProgress implements ProgressListener {
    private final String name;
    private final PrintStream out;
    private final boolean terminal;
    private ProgressBar bar;
    private long firstStep;
    private long startNanos;

    /** Java 17 (the release we build for) has no Console.isTerminal(): there a null console means a pipe or file. */
    @SuppressWarnings("SystemConsoleNull")
    private static boolean interactive() {
        return System.console() != null;
    }

    ConsoleProgress(String name) {
        this.name = name;
        this.out = System.err;
        this.terminal = interactive();
    }

    @Override
    public void started(long first, long total) {
        firstStep = first;
        startNanos = System.nanoTime();
        if (first > 0) {
            out.printf(Locale.ROOT, "%s: resuming at step %d of %d%n", name, first, total);
        }
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .startsFrom(first, Duration.ZERO)
                    .build();
        }
    }

    @Override
    public void stepped(long step, long total, float loss) {
        if (bar != null) {
            bar.stepTo(step);
            if (!Float.isNaN(loss)) {
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.5f", loss));
            }
            return;
        }
        long every = Math.max(1, total / 20);
        if (step % every == 0 || step == total) {
            double secs = (System.nanoTime() - startNanos) / 1e9;
            double perStep = secs / Math.max(1, step - firstStep);
            String what = Float.isNaN(loss) ? "" : String.format(Locale.ROOT, " loss %.5f", loss);
            out.printf(
                    Locale.ROOT, "%s: step %d/%d%s  %.3f s/step  ETA %s%n", name, step, total, what, perStep, eta((long)
                            (perStep * (total - step))));
        }
    }

    @Override
    public void checkpointed(long step, Path file) {
        if (bar == null) {
            out.printf(Locale.ROOT, "%s: checkpoint at step %d -> %s%n", name, step, file);
        }
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    private static String eta(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
    }
}
