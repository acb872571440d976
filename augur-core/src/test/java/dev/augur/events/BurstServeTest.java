package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.augur.io.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bursts serve on a file: every endpoint, the event stream, alerts to a command and to a flaky URL, the page. */
class BurstServeTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private String get(int port, String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void servesTheForecastsItMakesAndActsOnEachAlert(@TempDir Path dir) throws Exception {
        TinyBurstRun.create(dir, 8);
        Path model = dir.resolve("run/model");
        Path video = dir.resolve("live.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), 12).simulate(20, video);

        // the same forecasts made offline, and a threshold that alerts on a good share of frames
        List<BurstForecaster.Forecast> offline = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                BurstForecaster f = BurstForecaster.load(model, m);
                var frames = BurstForecaster.input(video.toString(), false, 5, false)) {
            f.run(frames, 2, offline::add);
        }
        double[] p = offline.stream()
                .mapToDouble(BurstForecaster.Forecast::probability)
                .filter(Double::isFinite)
                .sorted()
                .toArray();
        double threshold = p[(int) (0.7 * p.length)];

        // a receiver that fails the first POST: the retry must deliver it
        List<String> posted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        receiver.createContext("/alert", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = calls.getAndIncrement() == 0 ? 500 : 200;
            if (status == 200) {
                posted.add(body);
            }
            x.sendResponseHeaders(status, -1);
            x.close();
        });
        receiver.start();
        Path fired = dir.resolve("fired.txt");
        BurstServe.Settings s = new BurstServe.Settings(
                video.toString(),
                false,
                5,
                false,
                "127.0.0.1",
                0,
                threshold,
                "echo $AUGUR_ALERT_FRAME >> " + fired,
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alert"),
                3);
        try (NDManager m = NDManager.newBaseManager();
                BurstServe serve = BurstServe.open(model, s, m)) {
            int port = serve.port();
            assertThat(get(port, "/healthz")).contains("\"state\":\"starting\"");
            // a program following the event stream from before the first frame
            CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofLines())
                            .body()
                            .filter(l -> l.startsWith("data: "))
                            .limit(50)
                            .toList();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            int n = serve.forecast();
            assertThat(n).isEqualTo(offline.size());

            JsonNode all = Json.mapper().readTree(get(port, "/forecasts?n=100000"));
            assertThat(all.size()).isEqualTo(offline.size());
            for (int i = 0; i < offline.size(); i++) {
                BurstForecaster.Forecast o = offline.get(i);
                JsonNode j = all.get(i);
                assertThat(j.get("frame").asInt()).isEqualTo(o.frame());
                if (Double.isNaN(o.probability())) {
                    assertThat(j.get("probability").isNull()).isTrue();
                } else {
                    assertThat(j.get("probability").asDouble()).isCloseTo(o.probability(), within(1e-6));
                    assertThat(j.get("alert").asBoolean()).isEqualTo(o.probability() >= threshold);
                }
            }
            List<String> stream = events.get(30, TimeUnit.SECONDS);
            assertThat(stream).hasSize(50);
            assertThat(Json.mapper()
                            .readTree(stream.get(49).substring(6))
                            .get("frame")
                            .asInt())
                    .isEqualTo(49);

            JsonNode alerts = Json.mapper().readTree(get(port, "/alerts"));
            assertThat(alerts.size()).isPositive();
            int rising = 0;
            for (int i = 0; i < offline.size(); i++) {
                boolean on = offline.get(i).probability() >= threshold;
                boolean before = i > 0 && offline.get(i - 1).probability() >= threshold;
                rising += on && !before ? 1 : 0;
            }
            assertThat(alerts.size()).isEqualTo(rising);
            assertThat(get(port, "/metrics"))
                    .contains("augur_frames_forecast_total " + n)
                    .contains("augur_alerts_total " + rising)
                    .contains("augur_frames_skipped_total 0")
                    .containsPattern("\nprocess_resident_memory_bytes [1-9][0-9]{6,}\n")
                    .containsPattern("\naugur_ndarrays_open [0-9]+\n");
            assertThat(get(port, "/healthz")).contains("\"state\":\"ended\"");
            BufferedImage frame = ImageIO.read(new ByteArrayInputStream(http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/frame.png"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body()));
            assertThat(frame.getWidth()).isEqualTo(160);
            assertThat(frame.getHeight()).isEqualTo(120);

            assertThat(serve.actions().drain(60)).isTrue();
            assertThat(serve.actions().failed()).isZero();
            int[] firedFrames = Files.readAllLines(fired).stream()
                    .mapToInt(Integer::parseInt)
                    .toArray();
            int[] alertFrames = new int[alerts.size()];
            Arrays.setAll(alertFrames, i -> alerts.get(i).get("frame").asInt());
            assertThat(firedFrames).containsExactly(alertFrames);
            assertThat(posted).hasSize(alerts.size());
            assertThat(calls.get()).isEqualTo(alerts.size() + 1); // the first POST failed and was retried

            pageRendersInHeadlessChromium(port, dir);
        } finally {
            receiver.stop(0);
        }
    }

    /** The page, loaded by Chromium, draws the trace from the event stream and lists the alerts. */
    private static void pageRendersInHeadlessChromium(int port, Path dir) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(
                Files.isExecutable(chromium) || ci, "headless Chromium not installed (apt-get install chromium)");
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--timeout=3000", // the event stream never ends: stop loading after 3 s, then dump
                        "--dump-dom",
                        "http://127.0.0.1:" + port + "/")
                .redirectError(dir.resolve("chromium.log").toFile())
                .start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("id=\"trace\"").contains("calibrated").contains("<td>");
        assertThat(dom).doesNotContain("waiting for the first forecast");
    }
}
