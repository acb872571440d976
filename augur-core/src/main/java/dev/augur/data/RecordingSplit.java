package dev.augur.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A split of a lab's recordings into sets (training, validation, test): a recording belongs to one set only. The
 * same file named twice (through another folder, a link or a list) or a copy of it under another name would let a
 * model be chosen or scored on what it was trained on, so both are refused, naming the two.
 */
public final class RecordingSplit {
    private RecordingSplit() {}

    /** @param sets set name → its recordings (files) */
    public static void requireDisjoint(Map<String, List<Path>> sets) throws IOException {
        List<Map.Entry<String, Path>> all = new ArrayList<>();
        for (Map.Entry<String, List<Path>> s : sets.entrySet()) {
            for (Path p : s.getValue()) {
                all.add(Map.entry(s.getKey(), p));
            }
        }
        Map<Path, Map.Entry<String, Path>> seen = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : all) {
            Map.Entry<String, Path> before = seen.putIfAbsent(e.getValue().toRealPath(), e);
            if (before != null && !before.getKey().equals(e.getKey())) {
                throw new IllegalArgumentException(before.getValue() + " and " + e.getValue() + " are one recording,"
                        + " in both the " + before.getKey() + " and the " + e.getKey()
                        + " recordings: a recording belongs to one set only");
            }
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Map.Entry<String, Path> a = all.get(i);
                Map.Entry<String, Path> b = all.get(j);
                if (!a.getKey().equals(b.getKey())
                        && !a.getValue().toRealPath().equals(b.getValue().toRealPath())
                        && Files.size(a.getValue()) == Files.size(b.getValue())
                        && Files.mismatch(a.getValue(), b.getValue()) == -1) {
                    throw new IllegalArgumentException(b.getValue() + " (" + b.getKey() + ") is a copy of "
                            + a.getValue() + " (" + a.getKey() + "): a recording belongs to one set only");
                }
            }
        }
    }
}
