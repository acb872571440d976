package dev.augur.bench;

import dev.augur.train.ProgressListener;
import java.util.ArrayList;
import java.util.List;

/** Times the steps of a training loop from its progress reports, leaving out the first {@code warmup} steps. */
final class StepTimer implements ProgressListener {
    private final int warmup;
    private final List<Double> seconds = new ArrayList<>();
    private long last = System.nanoTime();

    StepTimer(int warmup) {
        this.warmup = warmup;
    }

    @Override
    public void stepped(long step, long total, float loss) {
        long now = System.nanoTime();
        if (step > warmup) {
            seconds.add((now - last) / 1e9);
        }
        last = now;
    }

    List<Double> seconds() {
        return seconds;
    }
}
