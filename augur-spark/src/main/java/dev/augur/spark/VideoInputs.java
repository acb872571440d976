package dev.augur.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The videos a job reads, from any mix of folders (searched recursively for video files), glob patterns and list
 * files ({@code .txt} or {@code .list}: one path or pattern per line, relative to the list, {@code #} comments).
 * Paths go through Hadoop's file systems, so {@code hdfs://} and other cluster stores work as local paths do.
 * Each video's id is its file name, which must be unique: it names the video's output partition.
 */
public final class VideoInputs {
    static final Set<String> VIDEO_EXTENSIONS =
            Set.of("mp4", "m4v", "mov", "avi", "mkv", "webm", "ts", "mpg", "mpeg", "flv", "wmv");

    private VideoInputs() {}

    public static List<VideoInput> resolve(List<String> specs, Configuration conf) throws IOException {
        Map<String, String> byUri = new TreeMap<>();
        for (String spec : specs) {
            for (String uri : expand(spec, conf)) {
                byUri.put(uri, uri);
            }
        }
        Map<String, VideoInput> byId = new TreeMap<>();
        for (String uri : byUri.keySet()) {
            String id = new Path(uri).getName();
            VideoInput previous = byId.put(id, new VideoInput(id, uri));
            if (previous != null) {
                throw new IllegalArgumentException("two videos named " + id + " (" + previous.uri() + " and " + uri
                        + "): file names name the output partitions, so they must be unique");
            }
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("no videos found in " + String.join(", ", specs));
        }
        return new ArrayList<>(byId.values());
    }

    private static List<String> expand(String spec, Configuration conf) throws IOException {
        Path path = new Path(spec);
        FileSystem fs = path.getFileSystem(conf);
        String ext = extension(path.getName());
        if ((ext.equals("txt") || ext.equals("list"))
                && fs.exists(path)
                && fs.getFileStatus(path).isFile()) {
            return fromList(path, fs, conf);
        }
        FileStatus[] matches = fs.globStatus(path);
        if (matches == null || matches.length == 0) {
            throw new NoSuchFileException(spec, null, "no such video, folder or pattern");
        }
        List<String> out = new ArrayList<>();
        for (FileStatus m : matches) {
            if (m.isDirectory()) {
                RemoteIterator<LocatedFileStatus> files = fs.listFiles(m.getPath(), true);
                while (files.hasNext()) {
                    Path p = files.next().getPath();
                    if (VIDEO_EXTENSIONS.contains(extension(p.getName())) && !hidden(p.getName())) {
                        out.add(fs.makeQualified(p).toString());
                    }
                }
            } else {
                out.add(fs.makeQualified(m.getPath()).toString());
            }
        }
        return out;
    }

    private static List<String> fromList(Path list, FileSystem fs, Configuration conf) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Path entry = new Path(line);
                String resolved = entry.isAbsoluteAndSchemeAuthorityNull()
                                || entry.toUri().getScheme() != null
                        ? line
                        : new Path(list.getParent(), line).toString();
                try {
                    out.addAll(expand(resolved, conf));
                } catch (NoSuchFileException e) {
                    throw new NoSuchFileException(list + ": " + line, null, "listed video not found");
                }
            }
        }
        return out;
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
