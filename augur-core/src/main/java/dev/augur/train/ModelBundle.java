package dev.augur.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.augur.data.NumpyFiles;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.nn.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A saved model: one folder with {@code model.json} (task, Augur version, architecture, training and data
 * settings) and {@code weights.npz}, plus {@code metrics.json} once evaluated. Built in a temporary folder and
 * renamed into place, so a folder called by its name is always complete.
 */
public final class ModelBundle {
    public static final String AUGUR_VERSION = "0.2.0";
    public static final int FORMAT_VERSION = 2;
    private static final ObjectMapper JSON = Json.mapper();

    private final Path dir;
    private final JsonNode manifest;

    private ModelBundle(Path dir, JsonNode manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    public static void save(Path dir, String task, Object model, Object training, Object data, Weights weights)
            throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("format", "augur-model");
        m.put("formatVersion", FORMAT_VERSION);
        m.put("task", task);
        m.put("augurVersion", AUGUR_VERSION);
        m.set("model", JSON.valueToTree(model));
        m.set("training", JSON.valueToTree(training));
        m.set("data", JSON.valueToTree(data));
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = AtomicFiles.tempDirectory(abs.getParent(), "." + abs.getFileName() + ".");
        try {
            try (NDManager nd = weights.parent().newSubManager()) {
                NumpyFiles.writeNpz(tmp.resolve("weights.npz"), weights.snapshot(nd, ""));
            }
            AtomicFiles.writeString(tmp.resolve("model.json"), JSON.writeValueAsString(m));
            Path old = null;
            if (Files.exists(abs)) {
                old = AtomicFiles.asidePath(abs.getParent(), "." + abs.getFileName() + ".old.");
                Files.move(abs, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                AtomicFiles.deleteTree(old);
            }
        } finally {
            if (Files.exists(tmp)) {
                AtomicFiles.deleteTree(tmp);
            }
        }
    }

    /** The task a bundle was made for, read from its manifest (for commands that take several kinds of model). */
    public static String task(Path dir) throws IOException {
        Path manifestFile = dir.resolve("model.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null, "not a model bundle (model.json missing)");
        }
        try {
            return JSON.readTree(manifestFile.toFile()).path("task").asText();
        } catch (IOException e) {
            throw new IOException(manifestFile + ": not valid JSON (" + rootMessage(e) + ")", e);
        }
    }

    /** Reads the manifest of a bundle made for {@code task}; anything else is an error naming the folder. */
    public static ModelBundle read(Path dir, String task) throws IOException {
        Path manifestFile = dir.resolve("model.json");
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "no model bundle folder here");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new NoSuchFileException(manifestFile.toString(), null, "not a model bundle (model.json missing)");
        }
        JsonNode m;
        try {
            m = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new IOException(manifestFile + ": not valid JSON (" + rootMessage(e) + ")", e);
        }
        if (m == null || !"augur-model".equals(m.path("format").asText())) {
            throw new IOException(manifestFile + ": not an Augur model bundle");
        }
        if (m.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
            throw new IOException(manifestFile + ": bundle format " + m.path("formatVersion")
                    + " is not readable by Augur " + AUGUR_VERSION + " (reads format " + FORMAT_VERSION + ")");
        }
        String found = m.path("task").asText();
        if (!task.equals(found)) {
            throw new IOException(dir + ": a '" + found + "' model, not a '" + task + "' model");
        }
        if (!Files.isRegularFile(dir.resolve("weights.npz"))) {
            throw new NoSuchFileException(dir.resolve("weights.npz").toString(), null, "bundle has no weights");
        }
        return new ModelBundle(dir, m);
    }

    public Path dir() {
        return dir;
    }

    public String augurVersion() {
        return manifest.path("augurVersion").asText();
    }

    /** A section of the manifest ({@code model}, {@code training}, {@code data}) as a record. */
    public <T> T section(String name, Class<T> type) throws IOException {
        try {
            return JSON.treeToValue(manifest.path(name), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(dir.resolve("model.json") + ": invalid '" + name + "' section: " + rootMessage(e), e);
        }
    }

    /**
     * The one loading sequence of every task: the weights into {@code weights}, which {@code owner} (the network,
     * or the manager that holds it) owns; if they do not fit, {@code owner} is closed before the error goes on.
     */
    public <C extends AutoCloseable> C loadWeights(Weights weights, C owner) throws IOException {
        try {
            loadWeights(weights);
            return owner;
        } catch (IOException | RuntimeException e) {
            try {
                owner.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public void loadWeights(Weights weights) throws IOException {
        Path file = dir.resolve("weights.npz");
        try (NDManager nd = weights.parent().newSubManager()) {
            weights.load(NumpyFiles.read(nd, file), "", file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    public void writeMetrics(Object metrics) throws IOException {
        AtomicFiles.writeString(dir.resolve("metrics.json"), JSON.writeValueAsString(metrics));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
