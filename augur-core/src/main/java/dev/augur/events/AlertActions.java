package dev.augur.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.io.Json;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What an alert sets off besides the page: a command ({@code sh -c}, the alert in {@code AUGUR_ALERT_*} variables)
 * and a JSON POST to a URL, retried with back-off. They run on a thread of their own behind a bounded queue, so a
 * slow command or a dead server never stalls forecasting; when the queue is full the oldest alert's actions are
 * dropped and counted.
 */
public final class AlertActions implements Consumer<LiveForecasts.Alert>, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AlertActions.class.getName());

    private final String command;
    private final URI url;
    private final int retries;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ThreadPoolExecutor worker;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param command a shell command or null
     * @param url     where to POST each alert, or null
     * @param retries further attempts after a failed POST (0.5 s, 1 s, 2 s, … apart)
     */
    public AlertActions(String command, URI url, int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        this.command = command;
        this.url = url;
        this.retries = retries;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100), r -> {
            Thread t = new Thread(r, "augur-alert-actions");
            t.setDaemon(true);
            return t;
        });
        worker.setRejectedExecutionHandler((r, pool) -> {
            pool.getQueue().poll();
            dropped.incrementAndGet();
            pool.execute(r);
        });
    }

    @Override
    public void accept(LiveForecasts.Alert a) {
        if (command != null || url != null) {
            worker.execute(() -> run(a));
        }
    }

    private void run(LiveForecasts.Alert a) {
        if (command != null) {
            runCommand(a);
        }
        if (url != null) {
            post(a);
        }
    }

    private void runCommand(LiveForecasts.Alert a) {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).inheritIO();
        pb.environment().put("AUGUR_ALERT_FRAME", Integer.toString(a.frame()));
        pb.environment().put("AUGUR_ALERT_TIME", String.format(Locale.ROOT, "%.4f", a.time()));
        pb.environment().put("AUGUR_ALERT_PROBABILITY", String.format(Locale.ROOT, "%.6f", a.probability()));
        try {
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("--on-alert command still running after 60 s: stopped");
            } else if (p.exitValue() != 0) {
                fail("--on-alert command exited with " + p.exitValue());
            }
        } catch (IOException e) {
            fail("--on-alert command could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void post(LiveForecasts.Alert a) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("frame", a.frame());
        body.put("time", a.time());
        body.put("probability", a.probability());
        body.put("calibrated", a.calibrated());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        long wait = 500;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status < 300) {
                    return;
                }
                LOG.log(Level.DEBUG, "--alert-url answered " + status);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "--alert-url: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < retries) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait *= 2;
            }
        }
        fail("--alert-url " + url + ": no success after " + (retries + 1) + " attempts");
    }

    private void fail(String why) {
        failed.incrementAndGet();
        LOG.log(Level.WARNING, why);
    }

    /** Alerts whose command or POST failed for good. */
    public long failed() {
        return failed.get();
    }

    /** Alerts whose actions were dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits up to {@code seconds} for the queued actions to finish. */
    public boolean drain(double seconds) throws InterruptedException {
        worker.shutdown();
        return worker.awaitTermination((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
