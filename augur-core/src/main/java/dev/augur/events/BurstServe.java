package dev.augur.events;

import ai.djl.ndarray.NDManager;
import dev.augur.data.FrameSource;
import dev.augur.data.VideoReader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bursts serve}: a saved video forecaster on a live source, its forecasts on a {@link ForecastServer} and
 * its alerts through {@link AlertActions}. {@link #forecast} runs until the source ends; the server stays up until
 * {@link #close}.
 */
public final class BurstServe implements AutoCloseable {
    /**
     * @param input       what {@code bursts forecast --video} reads: a file, a folder of frames, -, a URL, a camera
     * @param host        where to listen (127.0.0.1: this machine only)
     * @param port        0 for any free port
     * @param threshold   alert threshold, or NaN for the bundle's validation threshold
     * @param onAlert     shell command run on each alert, or null
     * @param alertUrl    URL each alert is POSTed to as JSON, or null
     */
    public record Settings(
            String input,
            boolean follow,
            double idleSeconds,
            boolean realtime,
            String host,
            int port,
            double threshold,
            String onAlert,
            URI alertUrl,
            int retries) {}

    private final BurstForecaster forecaster;
    private final LiveForecasts live;
    private final ForecastServer server;
    private final AlertActions actions;
    private final Settings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private BurstServe(
            BurstForecaster forecaster,
            LiveForecasts live,
            ForecastServer server,
            AlertActions actions,
            Settings settings) {
        this.forecaster = forecaster;
        this.live = live;
        this.server = server;
        this.actions = actions;
        this.settings = settings;
    }

    /** Loads the model and starts the server (no frame is read yet). */
    public static BurstServe open(Path model, Settings s, NDManager manager) throws IOException {
        BurstForecaster f = BurstForecaster.load(model, manager);
        double threshold = Double.isNaN(s.threshold()) ? f.threshold() : s.threshold();
        LiveForecasts live = new LiveForecasts(10_000, threshold);
        AlertActions actions = new AlertActions(s.onAlert(), s.alertUrl(), s.retries());
        live.onAlert(actions);
        ForecastServer server;
        try {
            server = ForecastServer.start(live, s.host(), s.port());
        } catch (IOException | RuntimeException e) {
            f.close();
            actions.close();
            throw e;
        }
        return new BurstServe(f, live, server, actions, s);
    }

    public int port() {
        return server.port();
    }

    public LiveForecasts live() {
        return live;
    }

    public AlertActions actions() {
        return actions;
    }

    /** Forecasts every frame of the source, publishing each; returns the number of frames when the source ends. */
    public int forecast() throws IOException {
        try (FrameSource source = BurstForecaster.input(
                        settings.input(), settings.follow(), settings.idleSeconds(), settings.realtime());
                Watched watched = new Watched(source, live)) {
            int n = forecaster.run(
                    watched,
                    live.threshold(),
                    fc -> live.add(fc, (System.nanoTime() - watched.decodedAt) / 1e9, source.skipped()));
            live.end("ended");
            return n;
        } catch (IOException | RuntimeException e) {
            live.end("failed: " + e.getMessage());
            throw e;
        }
    }

    /** Blocks until {@link #close} (from another thread, e.g. a shutdown hook). */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        server.close();
        actions.close();
        forecaster.close();
        stopped.countDown();
    }

    /** The source, with each frame shown on the page and its decoding time kept for the latency metric. */
    private static final class Watched implements FrameSource {
        private final FrameSource source;
        private final LiveForecasts live;
        private long decodedAt;

        Watched(FrameSource source, LiveForecasts live) {
            this.source = source;
            this.live = live;
        }

        @Override
        public VideoReader.GreyFrame next() throws IOException {
            VideoReader.GreyFrame f = source.next();
            decodedAt = System.nanoTime();
            if (f != null) {
                VideoReader.Options o = BurstForecaster.readerOptions();
                live.frame(f.pixels(), o.height(), o.width());
            }
            return f;
        }

        @Override
        public long skipped() {
            return source.skipped();
        }

        @Override
        public void close() {
            // the source is closed by its own try
        }
    }
}
