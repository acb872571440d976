package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A split of a lab's recordings written down once: a CSV with the header {@code path,split} and one row a recording,
 * its split {@code train}, {@code validation} or {@code test}; relative paths are read from the manifest's folder. A
 * row naming a missing file, another split, or a recording named twice is an error naming the line.
 */
public final class RecordingManifest {
    /** The splits a row may name, in the order they are used. */
    public static final List<String> SPLITS = List.of("train", "validation", "test");

    private RecordingManifest() {}

    /** Split name → its recordings, for every split in {@link #SPLITS} (empty when no row names it). */
    public static Map<String, List<Path>> read(Path file) throws IOException {
        CsvTable table = CsvTable.read(file, "recording manifest");
        if (!table.header().equals(List.of("path", "split"))) {
            throw new IOException(file + ": a recording manifest starts with the header line path,split, got "
                    + String.join(",", table.header()));
        }
        Map<String, List<Path>> out = new LinkedHashMap<>();
        SPLITS.forEach(s -> out.put(s, new ArrayList<>()));
        Map<Path, Integer> seen = new LinkedHashMap<>();
        Path folder = file.toAbsolutePath().getParent();
        for (int i = 0; i < table.rows().size(); i++) {
            String[] row = table.rows().get(i);
            String at = file + ":" + CsvTable.line(i);
            if (row.length == 1 && row[0].isBlank()) {
                continue;
            }
            if (row.length != 2) {
                throw new IOException(at + ": expected path,split, got " + row.length + " fields");
            }
            String split = row[1].trim().toLowerCase(Locale.ROOT);
            if (!out.containsKey(split)) {
                throw new IOException(at + ": split must be train, validation or test, got '" + row[1] + "'");
            }
            Path p = folder.resolve(row[0].trim()).normalize();
            if (!Files.exists(p)) {
                throw new NoSuchFileException(at, null, "names " + row[0].trim() + ", which does not exist");
            }
            Integer before = seen.putIfAbsent(p.toRealPath(), CsvTable.line(i));
            if (before != null) {
                throw new IOException(at + ": " + row[0].trim() + " is already listed on line " + before
                        + ": a recording belongs to one split only");
            }
            out.get(split).add(p);
        }
        return out;
    }
}
