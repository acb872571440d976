package dev.augur.train;

/**
 * A request to stop training, made from another thread (Ctrl-C, SIGTERM): the loop running now, and any started
 * after, stop after their current step with a checkpoint, so the same command with {@code --resume} continues.
 */
public final class StopRequest {
    private volatile boolean requested;
    private volatile TrainingLoop loop;

    /** Asks the current and every later loop to stop (safe from a shutdown hook). */
    public void request() {
        requested = true;
        TrainingLoop l = loop;
        if (l != null) {
            l.requestStop();
        }
    }

    public boolean requested() {
        return requested;
    }

    void attach(TrainingLoop l) {
        loop = l;
        if (requested) {
            l.requestStop();
        }
    }

    /** No one will ask: for runs nobody can interrupt (tests, studies). */
    public static StopRequest never() {
        return new StopRequest();
    }
}
