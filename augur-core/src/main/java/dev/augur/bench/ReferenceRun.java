package dev.augur.bench;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.engine.AugurEngine;
import dev.augur.engine.ProcessMemory;
import dev.augur.eval.Quantile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What every DJL-against-PyTorch bench shares: each side runs in a process of its own (so its peak resident memory
 * is its own) and prints one JSON line ({@code median_s}, {@code min_s}, {@code times_s}, {@code peak_rss_mb},
 * {@code threads}, and {@code torch} or {@code engine}); a side that cannot run (no torch, no script) is recorded
 * as skipped with the reason, never as a number.
 */
public final class ReferenceRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceRun() {}

    /** One side of a comparison; NaN where not measured. */
    public record Side(
            String engine, double medianSeconds, double minSeconds, double peakMb, int threads, String note) {
        public double secondsPer100Batches() {
            return 100 * medianSeconds;
        }
    }

    /** The command that runs {@code main} in a fresh JVM with Augur's engine settings and this classpath. */
    public static List<String> java(Class<?> main) {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8g",
                "-XX:+UseSerialGC",
                "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + AugurEngine.threads(),
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName());
    }

    /** Runs one side; its step times are appended to {@code times}. */
    public static Side child(List<String> command, List<String> args, List<Double> times, String what) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            byte[] stdout = p.getInputStream().readAllBytes();
            String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String why = stderr.contains("No module named 'torch'")
                        ? "PyTorch not installed: apt-get install python3-torch"
                        : what + " failed: " + lastLine(stderr);
                return skipped(why);
            }
            String text = new String(stdout, StandardCharsets.UTF_8).strip();
            JsonNode j = JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
            j.path("times_s").forEach(t -> times.add(t.asDouble()));
            String engine = j.has("torch")
                    ? "PyTorch " + j.path("torch").asText()
                    : j.path("engine").asText();
            return new Side(
                    engine,
                    j.path("median_s").asDouble(),
                    j.path("min_s").asDouble(),
                    j.path("peak_rss_mb").asDouble(),
                    j.path("threads").asInt(),
                    "");
        } catch (IOException e) {
            return skipped(command.get(0) + " could not be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return skipped("interrupted");
        }
    }

    public static Side skipped(String why) {
        return new Side("PyTorch", Double.NaN, Double.NaN, Double.NaN, 0, "skipped: " + why);
    }

    /** {@code s} with the median and minimum of every round's step times. */
    public static Side withMedian(Side s, List<Double> times) {
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Side(s.engine(), Quantile.ofSorted(t, 0.5), t[0], s.peakMb(), s.threads(), s.note());
    }

    /** The JSON line a DJL side prints for {@code times} (seconds). */
    public static String result(List<Double> times) throws IOException {
        double[] t = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("median_s", Quantile.ofSorted(t, 0.5));
        result.put("min_s", t[0]);
        result.put("times_s", times);
        result.put("peak_rss_mb", ProcessMemory.peakMb());
        result.put("engine", "DJL " + Engine.getEngine("PyTorch").getVersion());
        result.put("threads", AugurEngine.threads());
        return JSON.writeValueAsString(result);
    }

    /** {@code --key value} pairs. */
    public static Map<String, String> arguments(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        return a;
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n", -1);
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }
}
