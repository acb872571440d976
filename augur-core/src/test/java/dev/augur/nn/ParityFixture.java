package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.augur.data.NumpyFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Golden fixtures written by a PyTorch script in {@code reference/}: {@code w.<name>.npy} weights,
 * {@code grad.<name>.npy} gradients of the loss, and named inputs and outputs. Shared by every parity test.
 */
public final class ParityFixture {
    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-4;

    private final Path dir;
    private final NDManager manager;

    public ParityFixture(String name, NDManager manager) throws URISyntaxException {
        this(
                Path.of(ParityFixture.class
                                .getResource("/parity/" + name + "/case.txt")
                                .toURI())
                        .getParent(),
                manager);
    }

    private ParityFixture(Path dir, NDManager manager) {
        this.dir = dir;
        this.manager = manager;
    }

    /** The fixture an upstream project's own module wrote beside ours ({@code sub}: "" or a folder), if any. */
    Optional<ParityFixture> upstream(String sub) {
        Path d = sub.isEmpty() ? dir : dir.resolve(sub);
        return Files.isRegularFile(d.resolve("upstream.predictions.npy"))
                ? Optional.of(new ParityFixture(d, manager))
                : Optional.empty();
    }

    /** The factor the reference multiplied the MSE by (case.txt's loss_scale; 1 for fixtures without one). */
    double lossScale() throws IOException {
        Matcher m = Pattern.compile("loss_scale=([0-9.eE+-]+)").matcher(Files.readString(dir.resolve("case.txt")));
        return m.find() ? Double.parseDouble(m.group(1)) : 1;
    }

    /**
     * Elementwise {@code |a − b| ≤ ATOL + RTOL·|b|}; fails, naming the worst element, when one is outside, and when
     * the expected tensor peaks below 1e-3 — there the tolerance would accept anything.
     */
    public static void assertClose(NDArray actual, NDArray expected, String what) {
        assertClose(actual.toFloatArray(), expected.toFloatArray(), what);
    }

    public static void assertClose(float[] a, float[] b, String what) {
        if (a.length != b.length) {
            throw new AssertionError(what + ": sizes differ, " + a.length + " vs " + b.length);
        }
        double peak = 0;
        for (float v : b) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak <= 1e-3) {
            throw new AssertionError(what + ": the fixture peaks at " + peak + ", too small for the tolerance to mean"
                    + " anything (scale the reference's loss)");
        }
        for (int i = 0; i < a.length; i++) {
            double bound = ATOL + RTOL * Math.abs(b[i]);
            if (!(Math.abs(a[i] - b[i]) <= bound)) {
                throw new AssertionError(String.format(
                        "%s: element %d is %.8g, expected %.8g (|a - b| = %.3g > %.3g)",
                        what, i, a[i], b[i], Math.abs(a[i] - b[i]), bound));
            }
        }
    }

    public NDArray array(String name) throws IOException {
        return NumpyFiles.read(manager, dir.resolve(name + ".npy")).singletonOrThrow();
    }

    /** Every file starting with {@code prefix}, named by what follows it (e.g. w.stack.0.conv.weight). */
    NDList named(String prefix) throws IOException {
        NDList list = new NDList();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(prefix) && f.endsWith(".npy")) {
                    NDArray a = NumpyFiles.read(manager, p).singletonOrThrow();
                    a.setName(f.substring(prefix.length(), f.length() - 4));
                    list.add(a);
                }
            }
        }
        return list;
    }
}
