package dev.augur.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.augur.data.NumpyFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Golden fixtures written by a PyTorch script in {@code reference/}: {@code w.<name>.npy} weights,
 * {@code grad.<name>.npy} gradients of the loss, and named inputs and outputs. Shared by every parity test.
 */
final class ParityFixture {
    private final Path dir;
    private final NDManager manager;

    ParityFixture(String name, NDManager manager) throws URISyntaxException {
        this.dir = Path.of(ParityFixture.class
                        .getResource("/parity/" + name + "/case.txt")
                        .toURI())
                .getParent();
        this.manager = manager;
    }

    NDArray array(String name) throws IOException {
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

    static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        if (x.length != y.length) {
            throw new AssertionError("sizes differ: " + a.getShape() + " vs " + b.getShape());
        }
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
