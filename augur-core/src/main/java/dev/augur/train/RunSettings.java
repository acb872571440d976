package dev.augur.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings (and the data's identity) a run's checkpoint was made with, kept beside it as {@code run.json}.
 * Resuming with other settings would silently mix two runs in one model, so a resume is compared with the file
 * field by field and refused naming every field that differs; only the fields a caller names as free (the number
 * of steps: a run may be lengthened) may change.
 */
public final class RunSettings {
    public static final String FILE = "run.json";

    private RunSettings() {}

    /**
     * Writes {@code now} to {@code runFolder/run.json}. When {@code resuming} (a checkpoint is being continued) and
     * the file exists, first refuses a {@code now} that differs from it in any field outside {@code free} (dotted
     * paths such as {@code "training.steps"}).
     */
    public static void record(Path runFolder, Object now, boolean resuming, Set<String> free) throws IOException {
        Path file = runFolder.resolve(FILE);
        // through text, as the file will be read back: a long 1 and the file's 1 must compare equal
        JsonNode current = Json.mapper().readTree(Json.mapper().writeValueAsString(now));
        if (resuming && Files.isRegularFile(file)) {
            JsonNode before;
            try {
                before = Json.mapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new IOException(
                        file + ": unreadable ("
                                + e.getMessage().lines().findFirst().orElse("")
                                + "); it records what the checkpoint beside it was made with",
                        e);
            }
            List<String> changed = differences(before, current, free);
            if (!changed.isEmpty()) {
                throw new IOException(file + ": the checkpoint here was made with other settings: "
                        + String.join("; ", changed)
                        + ". Resume with the same settings, or train into another output folder");
            }
        }
        AtomicFiles.writeString(file, Json.mapper().writeValueAsString(current));
    }

    /**
     * "model.hidden was [16], now [32]" for every leaf that differs, in path order; lists of the same length are
     * compared element by element ("training.2.name was day-3.mkv, now day-5.mkv").
     */
    static List<String> differences(JsonNode before, JsonNode now, Set<String> free) {
        List<String> out = new ArrayList<>();
        walk("", before, now, free, out);
        return out;
    }

    private static void walk(String path, JsonNode before, JsonNode now, Set<String> free, List<String> out) {
        if (free.contains(path)) {
            return;
        }
        if (before != null && now != null && before.isObject() && now.isObject()) {
            Set<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, before.get(name), now.get(name), free, out);
            }
        } else if (before != null && now != null && before.isArray() && now.isArray() && before.size() == now.size()) {
            for (int i = 0; i < now.size(); i++) {
                walk(path + "." + i, before.get(i), now.get(i), free, out);
            }
        } else if (before == null || now == null || !before.equals(now)) {
            out.add(path + " was " + shown(before) + ", now " + shown(now));
        }
    }

    private static String shown(JsonNode n) {
        return n == null ? "absent" : n.isTextual() ? n.asText() : n.toString();
    }
}
