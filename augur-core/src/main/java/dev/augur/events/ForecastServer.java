package dev.augur.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.augur.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * The live forecaster over HTTP (the JDK's own server): a page with the current frame, the probability trace and
 * its threshold, the calibrated probability and the alerts; Server-Sent Events at {@code /events} (one event per
 * forecast, for the page and for programs); {@code /forecasts?n=N} and {@code /alerts} (JSON), {@code /frame.png},
 * {@code /healthz} and a Prometheus {@code /metrics}.
 */
public final class ForecastServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;
    private final LiveForecasts live;

    private ForecastServer(HttpServer server, ExecutorService threads, LiveForecasts live) {
        this.server = server;
        this.threads = threads;
        this.live = live;
    }

    /** Serves {@code live} on {@code host:port} (port 0: any free port). */
    public static ForecastServer start(LiveForecasts live, String host, int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new IOException(host + ":" + port + ": cannot listen (" + e.getMessage() + ")", e);
        }
        // one thread per open event stream, plus the short requests
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "augur-serve");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        ForecastServer s = new ForecastServer(server, threads, live);
        server.createContext("/", s::page);
        server.createContext("/events", s::events);
        server.createContext("/forecasts", s::forecasts);
        server.createContext("/alerts", s::alerts);
        server.createContext("/frame.png", s::frame);
        server.createContext("/healthz", s::health);
        server.createContext("/metrics", s::metrics);
        server.start();
        return s;
    }

    /** The port actually listened on. */
    public int port() {
        return server.getAddress().getPort();
    }

    static ObjectNode json(BurstForecaster.Forecast f) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("frame", f.frame());
        n.put("time", Math.round(f.time() * 1e4) / 1e4);
        if (Double.isNaN(f.probability())) {
            n.putNull("probability");
            n.putNull("calibrated");
        } else {
            n.put("probability", f.probability());
            n.put("calibrated", f.calibrated());
        }
        n.put("alert", f.alert());
        return n;
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private void page(HttpExchange x) throws IOException {
        if (!x.getRequestURI().getPath().equals("/")) {
            send(x, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (InputStream in = ForecastServer.class.getResourceAsStream("serve.html")) {
            String html = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("__THRESHOLD__", Double.toString(live.threshold()));
            send(x, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void forecasts(HttpExchange x) throws IOException {
        int n = 300;
        String q = x.getRequestURI().getQuery();
        if (q != null && q.startsWith("n=")) {
            try {
                n = Math.max(1, Math.min(100_000, Integer.parseInt(q.substring(2))));
            } catch (NumberFormatException e) {
                send(x, 400, "text/plain", ("n must be a number, got " + q + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        ArrayNode a = Json.mapper().createArrayNode();
        live.recent(n).forEach(f -> a.add(json(f)));
        send(x, 200, "application/json", a.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void alerts(HttpExchange x) throws IOException {
        send(x, 200, "application/json", Json.mapper().writeValueAsBytes(live.alerts()));
    }

    private void health(HttpExchange x) throws IOException {
        String state = live.state();
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("state", state);
        n.put("frames", live.recent(1).isEmpty() ? -1 : live.recent(1).get(0).frame());
        send(
                x,
                state.startsWith("failed") ? 503 : 200,
                "application/json",
                n.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void metrics(HttpExchange x) throws IOException {
        send(x, 200, "text/plain; version=0.0.4", live.metrics().getBytes(StandardCharsets.UTF_8));
    }

    private void frame(HttpExchange x) throws IOException {
        float[] p = live.frame();
        if (p == null) {
            send(x, 404, "text/plain", "no frame yet\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        int h = live.frameHeight();
        int w = live.frameWidth();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < p.length; i++) {
            img.getRaster().setSample(i % w, i / w, 0, Math.round(Math.max(0, Math.min(1, p[i])) * 255));
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        send(x, 200, "image/png", png.toByteArray());
    }

    /** Server-Sent Events: the recent trace first, then every forecast as it is made, until the client goes. */
    private void events(HttpExchange x) throws IOException {
        LinkedBlockingQueue<BurstForecaster.Forecast> queue = new LinkedBlockingQueue<>(10_000);
        Consumer<BurstForecaster.Forecast> subscriber = queue::offer; // a client that cannot keep up loses events
        x.getResponseHeaders().set("Content-Type", "text/event-stream");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        live.subscribe(subscriber);
        try (OutputStream out = x.getResponseBody()) {
            for (BurstForecaster.Forecast f : live.recent(300)) {
                out.write(("data: " + json(f) + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            while (true) {
                BurstForecaster.Forecast f = queue.poll(15, TimeUnit.SECONDS);
                // a comment line every 15 s of silence keeps proxies from closing the stream
                out.write((f == null ? ": keep-alive\n\n" : "data: " + json(f) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the client closed the page or the server is stopping
        } finally {
            live.unsubscribe(subscriber);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
