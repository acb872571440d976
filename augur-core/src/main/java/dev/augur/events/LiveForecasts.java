package dev.augur.events;

import dev.augur.engine.NativeArrays;
import dev.augur.engine.ProcessMemory;
import dev.augur.eval.Quantile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What a live forecaster has said so far, for the pages and programs watching it: the last forecasts, the alerts
 * (each rising edge of the alert flag), the newest frame, counters for {@code /metrics}, and subscribers that get
 * every new forecast as it is made. Safe to read from any thread while the forecaster writes.
 */
public final class LiveForecasts {
    /** An alert: the first frame of a run of alerting frames. */
    public record Alert(int frame, double time, double probability, double calibrated) {}

    /** Latencies the percentiles of {@code /metrics} are taken over: the last minute at 30 frames/s. */
    static final int LATENCY_WINDOW = 1800;

    private final int keep;
    private final ArrayDeque<BurstForecaster.Forecast> recent = new ArrayDeque<>();
    /** Alerts kept for {@code /alerts}: the newest, so a server running for weeks holds a bounded list. */
    public static final int ALERTS_KEPT = 1000;

    private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
    private long alertCount;
    private final List<Consumer<BurstForecaster.Forecast>> subscribers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Alert>> alertListeners = new CopyOnWriteArrayList<>();
    private final double threshold;
    private float[] frame;
    private int frameHeight;
    private int frameWidth;
    private long frames;
    private long skipped;
    private double latencySum;
    private final double[] latencies = new double[LATENCY_WINDOW]; // the last ones, a ring
    private int latencyCount;
    private double lastLatency;
    private boolean alerting;
    private String state = "starting";

    /** @param keep forecasts kept for {@code /forecasts} and a new page's trace */
    public LiveForecasts(int keep, double threshold) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.keep = keep;
        this.threshold = threshold;
    }

    /** Records a forecast made {@code latencySeconds} after its frame was decoded; notifies subscribers. */
    public void add(BurstForecaster.Forecast f, double latencySeconds, long skippedSoFar) {
        Alert alert = null;
        synchronized (this) {
            recent.addLast(f);
            if (recent.size() > keep) {
                recent.removeFirst();
            }
            frames++;
            skipped = skippedSoFar;
            latencySum += latencySeconds;
            lastLatency = latencySeconds;
            latencies[(int) (frames % LATENCY_WINDOW)] = latencySeconds;
            latencyCount = (int) Math.min(LATENCY_WINDOW, frames);
            state = "running";
            if (f.alert() && !alerting) {
                alert = new Alert(f.frame(), f.time(), f.probability(), f.calibrated());
                alerts.addLast(alert);
                alertCount++;
                if (alerts.size() > ALERTS_KEPT) {
                    alerts.removeFirst();
                }
            }
            alerting = f.alert();
        }
        subscribers.forEach(s -> s.accept(f));
        if (alert != null) {
            Alert a = alert;
            alertListeners.forEach(l -> l.accept(a));
        }
    }

    public synchronized void frame(float[] pixels, int height, int width) {
        this.frame = pixels;
        this.frameHeight = height;
        this.frameWidth = width;
    }

    /** The newest frame's pixels [H·W] in [0, 1], or null before the first. */
    public synchronized float[] frame() {
        return frame;
    }

    public synchronized int frameHeight() {
        return frameHeight;
    }

    public synchronized int frameWidth() {
        return frameWidth;
    }

    /** "starting", "running", "ended" or "failed: …". */
    public synchronized String state() {
        return state;
    }

    public synchronized void end(String how) {
        state = how;
    }

    public synchronized List<BurstForecaster.Forecast> recent(int n) {
        List<BurstForecaster.Forecast> all = new ArrayList<>(recent);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    /** The newest alerts (at most {@link #ALERTS_KEPT}), oldest first. */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** Alerts since the start, all of them. */
    public synchronized long alertCount() {
        return alertCount;
    }

    public double threshold() {
        return threshold;
    }

    public void subscribe(Consumer<BurstForecaster.Forecast> s) {
        subscribers.add(s);
    }

    public void unsubscribe(Consumer<BurstForecaster.Forecast> s) {
        subscribers.remove(s);
    }

    public void onAlert(Consumer<Alert> listener) {
        alertListeners.add(listener);
    }

    private String latencyQuantiles() {
        double[] last = Arrays.copyOf(latencies, latencyCount);
        Arrays.sort(last);
        StringBuilder out = new StringBuilder();
        for (String q : new String[] {"0.5", "0.95", "0.99"}) {
            out.append("augur_forecast_latency_seconds{quantile=\"")
                    .append(q)
                    .append("\"} ")
                    .append(last.length == 0 ? "NaN" : Quantile.ofSorted(last, Double.parseDouble(q)))
                    .append('\n');
        }
        return out.toString();
    }

    /** Prometheus text exposition format, version 0.0.4. */
    public synchronized String metrics() {
        return "# HELP augur_frames_forecast_total Frames forecast since the start.\n"
                + "# TYPE augur_frames_forecast_total counter\n"
                + "augur_frames_forecast_total " + frames + "\n"
                + "# HELP augur_frames_skipped_total Frames dropped to keep up with a live source (--realtime).\n"
                + "# TYPE augur_frames_skipped_total counter\n"
                + "augur_frames_skipped_total " + skipped + "\n"
                + "# HELP augur_alerts_total Alerts (rising edges) since the start.\n"
                + "# TYPE augur_alerts_total counter\n"
                + "augur_alerts_total " + alertCount + "\n"
                + "# HELP augur_forecast_latency_seconds Decoded frame to forecast (quantiles over the last "
                + LATENCY_WINDOW + " frames).\n"
                + "# TYPE augur_forecast_latency_seconds summary\n"
                + latencyQuantiles()
                + "augur_forecast_latency_seconds_sum " + latencySum + "\n"
                + "augur_forecast_latency_seconds_count " + frames + "\n"
                + "# HELP augur_forecast_last_latency_seconds The latest frame's latency.\n"
                + "# TYPE augur_forecast_last_latency_seconds gauge\n"
                + "augur_forecast_last_latency_seconds " + lastLatency + "\n"
                + "# HELP process_resident_memory_bytes Resident memory of the forecasting process.\n"
                + "# TYPE process_resident_memory_bytes gauge\n"
                + "process_resident_memory_bytes " + Math.round(ProcessMemory.residentMb() * 1024 * 1024) + "\n"
                + "# HELP jvm_direct_buffer_bytes Native memory held by the JVM's direct buffers.\n"
                + "# TYPE jvm_direct_buffer_bytes gauge\n"
                + "jvm_direct_buffer_bytes " + ProcessMemory.directBufferBytes() + "\n"
                + "# HELP augur_ndarrays_open DJL arrays open in the process (flat while forecasting).\n"
                + "# TYPE augur_ndarrays_open gauge\n"
                + "augur_ndarrays_open " + NativeArrays.open() + "\n";
    }
}
