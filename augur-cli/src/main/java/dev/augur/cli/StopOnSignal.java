package dev.augur.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a long job so that Ctrl-C or SIGTERM asks it to stop and waits (up to two minutes) until it has written
 * its checkpoint and its report has been printed, instead of the JVM dying mid-step or mid-line.
 */
final class StopOnSignal {
    private StopOnSignal() {}

    interface Job<T> {
        T call() throws Exception;
    }

    /** Prints what the job did and returns the exit code (130 when it was stopped). */
    interface Report<T> {
        int print(T result) throws Exception;
    }

    static <T> int run(Runnable requestStop, Job<T> job, Report<T> report) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    requestStop.run();
                    try {
                        done.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "augur-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int code = report.print(job.call());
            System.out.flush();
            return code;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the job is done, and the JVM exits
            }
        }
    }
}
