package dev.augur.data;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A lab's many recordings named on a command line: files, folders (searched recursively for the given extensions),
 * glob patterns ({@code 'tanks/day-*.csv'}, quoted so the shell leaves them) and list files ({@code .txt}, one path
 * per line, relative to the list, {@code #} comments). The result is sorted within each name, without repeats.
 */
public final class RecordingFiles {
    /** Video files a folder of recordings is searched for. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of(".mp4", ".mkv", ".avi", ".webm", ".mov", ".ts");

    private RecordingFiles() {}

    /**
     * Videos named as {@link #resolve} says; a folder of frame images ({@link ImageFolderVideo#isFrameFolder}) is one
     * recording, not a folder of videos.
     */
    public static List<Path> videos(List<String> names) throws IOException {
        List<Path> out = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String v : names) {
            if (ImageFolderVideo.isFrameFolder(Path.of(v))) {
                out.add(Path.of(v));
            } else {
                rest.add(v);
            }
        }
        if (!rest.isEmpty()) {
            out.addAll(resolve(rest, VIDEO_EXTENSIONS));
        }
        return out;
    }

    /** @param extensions what a folder's files must end with (lower case, with the dot), e.g. {@code ".csv"} */
    public static List<Path> resolve(List<String> names, Set<String> extensions) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String name : names) {
            List<Path> found = one(name, extensions);
            if (found.isEmpty()) {
                throw new NoSuchFileException(
                        name, null, "matches no recording (" + String.join(", ", extensions) + ")");
            }
            out.addAll(found);
        }
        return List.copyOf(out);
    }

    private static List<Path> one(String name, Set<String> extensions) throws IOException {
        if (name.contains("*") || name.contains("?") || name.contains("[")) {
            return glob(name);
        }
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.walk(p)) {
                return files.filter(Files::isRegularFile)
                        .filter(f -> hasExtension(f, extensions))
                        .sorted()
                        .toList();
            }
        }
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(name, null, "no such recording, folder or list file");
        }
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt")) {
            return list(p);
        }
        return List.of(p);
    }

    private static boolean hasExtension(Path f, Set<String> extensions) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(n::endsWith);
    }

    /** Files matching a glob; the part before the first wildcard is the folder searched. */
    private static List<Path> glob(String pattern) throws IOException {
        int wild = pattern.length();
        for (char c : new char[] {'*', '?', '['}) {
            int i = pattern.indexOf(c);
            if (i >= 0) {
                wild = Math.min(wild, i);
            }
        }
        int slash = pattern.lastIndexOf('/', wild);
        Path base = slash < 0 ? Path.of(".") : Path.of(pattern.substring(0, Math.max(1, slash)));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        String rest = slash < 0 ? pattern : pattern.substring(slash + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> m.matches(base.relativize(f)))
                    .sorted()
                    .toList();
        }
    }

    private static List<Path> list(Path file) throws IOException {
        List<Path> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path p = file.toAbsolutePath().getParent().resolve(line).normalize();
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(file + ":" + (i + 1), null, "lists " + line + ", which is not a file");
            }
            out.add(p);
        }
        return out;
    }
}
