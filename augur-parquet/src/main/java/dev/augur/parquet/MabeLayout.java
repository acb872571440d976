package dev.augur.parquet;

import dev.augur.behavior.CalMs21Json;
import dev.augur.behavior.KeypointGaps;
import dev.augur.behavior.MousePairSimulator;
import dev.augur.behavior.PoseVideo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * The Kaggle MABe layout: {@code <root>/<split>.csv} (one row per video: {@code lab_id, video_id,
 * frames_per_second, pix_per_cm_approx, body_parts_tracked, behaviors_labeled}), tracking in long format
 * {@code <root>/<split>_tracking/<lab>/<video>.parquet} ({@code video_frame, mouse_id, bodypart, x, y}) and
 * annotation intervals {@code <root>/<split>_annotation/<lab>/<video>.parquet} ({@code agent_id, target_id,
 * action, start_frame, stop_frame}; stop exclusive), read through DuckDB. Each video becomes one {@link PoseVideo}
 * per ordered (agent, target) pair of up to four mice, in the form every reader produces:
 * <ul>
 * <li>resampled to 30 Hz by linear interpolation in time, and converted to cm with {@code pix_per_cm_approx};</li>
 * <li>body parts mapped to CalMS21's seven by name (ear_left → left_ear, hip_right → right_hip, …); a part the
 * video never tracked is stood in for (neck ← the ears' midpoint or head, ears and nose ← head, hips ← lateral
 * points or body centre) and counted; other tracked parts are ignored and listed in the {@link Summary};</li>
 * <li>labels from the intervals of the pair (the agent's self-directed actions count for every pair of that
 * agent); frames without an interval are "other"; actions outside seed 004's vocabulary leave their frames
 * unlabelled, counted; behaviours the video did not list in {@code behaviors_labeled} are masked, not "other".</li>
 * </ul>
 */
public final class MabeLayout {
    public static final double FPS = 30;
    public static final List<String> VOCABULARY = MousePairSimulator.VOCABULARY;
    private static final Map<String, List<String>> NAMES = Map.of(
            "nose",
            List.of("nose"),
            "left_ear",
            List.of("ear_left", "left_ear"),
            "right_ear",
            List.of("ear_right", "right_ear"),
            "neck",
            List.of("neck"),
            "left_hip",
            List.of("hip_left", "left_hip"),
            "right_hip",
            List.of("hip_right", "right_hip"),
            "tail_base",
            List.of("tail_base", "tailbase"));
    private static final Map<String, List<List<String>>> STAND_INS = Map.of(
            "neck",
            List.of(List.of("ear_left", "ear_right"), List.of("head")),
            "nose",
            List.of(List.of("head")),
            "left_ear",
            List.of(List.of("head")),
            "right_ear",
            List.of(List.of("head")),
            "left_hip",
            List.of(List.of("lateral_left"), List.of("body_center")),
            "right_hip",
            List.of(List.of("lateral_right"), List.of("body_center")),
            "tail_base",
            List.of(List.of("tail_midpoint"), List.of("body_center")));

    private MabeLayout() {}

    /** What reading changed, over all videos: parts stood in for, tracked parts not used, frames left unlabelled. */
    public record Summary(
            int videos,
            int pairs,
            int substitutedParts,
            List<String> ignoredParts,
            int unlabelledFrames,
            int resampledVideos) {}

    public record Result(List<PoseVideo> videos, Summary summary) {}

    public static Result read(Path root, String split) throws IOException {
        Path meta = root.resolve(split + ".csv");
        if (!Files.isRegularFile(meta)) {
            throw new NoSuchFileException(
                    meta.toString(), null, "no MABe metadata file (expected <root>/" + split + ".csv)");
        }
        List<PoseVideo> out = new ArrayList<>();
        TreeSet<String> ignored = new TreeSet<>();
        int substituted = 0;
        int unlabelled = 0;
        int resampled = 0;
        int videos = 0;
        try (Connection c = connect()) {
            for (Map<String, String> row :
                    rows(c, "SELECT * FROM read_csv_auto(" + literal(meta) + ", all_varchar = true)", meta)) {
                String lab = require(row, "lab_id", meta);
                String video = require(row, "video_id", meta);
                double fps = number(require(row, "frames_per_second", meta), meta, video, "frames_per_second");
                double ppcm = number(require(row, "pix_per_cm_approx", meta), meta, video, "pix_per_cm_approx");
                Path tracking = root.resolve(split + "_tracking").resolve(lab).resolve(video + ".parquet");
                Tracks tracks = tracks(c, tracking, fps, ppcm, ignored);
                substituted += tracks.substituted;
                resampled += fps == FPS ? 0 : 1;
                List<String> labelled = list(row.getOrDefault("behaviors_labeled", ""));
                Path annotation =
                        root.resolve(split + "_annotation").resolve(lab).resolve(video + ".parquet");
                List<Interval> intervals = Files.exists(annotation) ? intervals(c, annotation, fps) : List.of();
                for (int a = 0; a < tracks.mice.size(); a++) {
                    for (int t = 0; t < tracks.mice.size(); t++) {
                        if (a == t) {
                            continue;
                        }
                        PoseVideo pv = pair(lab, video, tracks, a, t, labelled, intervals, annotation);
                        if (pv != null) {
                            unlabelled += pv.repairs().unlabelledFrames();
                            out.add(pv);
                        }
                    }
                }
                videos++;
            }
        } catch (SQLException e) {
            throw new IOException(root + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IOException(meta + ": no video with at least two tracked mice");
        }
        return new Result(
                out, new Summary(videos, out.size(), substituted, List.copyOf(ignored), unlabelled, resampled));
    }

    private static DuckDBConnection database;

    /**
     * A connection to the process's one in-memory DuckDB, opened on first use: opening a database costs about 12 ms
     * here, a connection to an open one under 1 ms, which decides how fast many small layouts (and a fuzzing
     * campaign) are read. Reads only query files, so connections share nothing but the engine; its cache of file
     * contents is off, so a file rewritten in place (same size, same second) is never answered from the old bytes.
     */
    private static synchronized Connection connect() throws SQLException {
        if (database == null) {
            DuckDBConnection opened = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = opened.createStatement()) {
                s.execute("SET enable_external_file_cache = false");
            }
            database = opened;
        }
        return database.duplicate();
    }

    /** Keypoints at 30 Hz in cm: [T, mice, 7, 2], mice in ascending id order. */
    private record Tracks(List<Integer> mice, int frames, float[] keypoints, int substituted) {}

    private static Tracks tracks(Connection c, Path file, double fps, double ppcm, SortedSet<String> ignored)
            throws IOException, SQLException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no tracking file for this video");
        }
        // mouse id -> part name -> frame -> (x, y), at the source rate
        Map<Integer, Map<String, Map<Integer, double[]>>> raw = new TreeMap<>();
        int last = -1;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT video_frame, mouse_id, bodypart, x, y FROM read_parquet(" + literal(file) + ")")) {
            while (r.next()) {
                int frame = r.getInt(1);
                int mouse = mouseId(r.getString(2), file);
                String part = r.getString(3);
                double x = r.getObject(4) == null ? Double.NaN : r.getDouble(4);
                double y = r.getObject(5) == null ? Double.NaN : r.getDouble(5);
                raw.computeIfAbsent(mouse, k -> new LinkedHashMap<>())
                        .computeIfAbsent(part, k -> new TreeMap<>())
                        .put(frame, new double[] {x / ppcm, y / ppcm});
                last = Math.max(last, frame);
            }
        } catch (SQLException e) {
            throw new IOException(file + ": not a readable MABe tracking file (" + e.getMessage() + ")", e);
        }
        if (raw.size() < 2 || last < 1) {
            throw new IOException(file + ": needs at least two mice and two frames, got " + raw.size() + " mice");
        }
        int frames = (int) Math.floor(last * FPS / fps + 1e-9) + 1;
        List<Integer> mice = new ArrayList<>(raw.keySet());
        List<String> parts = CalMs21Json.PARTS;
        float[] k = new float[frames * mice.size() * parts.size() * 2];
        int substituted = 0;
        for (int m = 0; m < mice.size(); m++) {
            Map<String, Map<Integer, double[]>> byPart = raw.get(mice.get(m));
            for (String name : byPart.keySet()) {
                if (NAMES.values().stream().noneMatch(l -> l.contains(name))) {
                    ignored.add(name);
                }
            }
            for (int p = 0; p < parts.size(); p++) {
                List<Map<Integer, double[]>> sources = source(parts.get(p), byPart);
                if (sources == null) {
                    throw new IOException(file + ": mouse " + mice.get(m) + " has no " + parts.get(p)
                            + " and nothing to stand in for it (tracked: " + byPart.keySet() + ")");
                }
                substituted += NAMES.get(parts.get(p)).stream().anyMatch(byPart::containsKey) ? 0 : 1;
                for (int t = 0; t < frames; t++) {
                    double[] xy = at(sources, t * fps / FPS);
                    int o = ((t * mice.size() + m) * parts.size() + p) * 2;
                    k[o] = (float) xy[0];
                    k[o + 1] = (float) xy[1];
                }
            }
        }
        return new Tracks(mice, frames, k, substituted);
    }

    /** The tracks of {@code part} itself, or of the parts that stand in for it (averaged), or null. */
    private static List<Map<Integer, double[]>> source(String part, Map<String, Map<Integer, double[]>> byPart) {
        for (String n : NAMES.get(part)) {
            if (byPart.containsKey(n)) {
                return List.of(byPart.get(n));
            }
        }
        for (List<String> standIn : STAND_INS.getOrDefault(part, List.of())) {
            if (byPart.keySet().containsAll(standIn)) {
                return standIn.stream().map(byPart::get).toList();
            }
        }
        return null;
    }

    /** Linear interpolation at source position {@code s} of the mean of {@code sources}; NaN where untracked. */
    private static double[] at(List<Map<Integer, double[]>> sources, double s) {
        int f0 = (int) Math.floor(s);
        double w = s - f0;
        double x = 0;
        double y = 0;
        for (Map<Integer, double[]> src : sources) {
            double[] a = src.getOrDefault(f0, new double[] {Double.NaN, Double.NaN});
            double[] b = w < 1e-9 ? a : src.getOrDefault(f0 + 1, new double[] {Double.NaN, Double.NaN});
            x += a[0] + w * (b[0] - a[0]);
            y += a[1] + w * (b[1] - a[1]);
        }
        return new double[] {x / sources.size(), y / sources.size()};
    }

    private record Interval(int agent, int target, String action, int start, int stop) {}

    private static List<Interval> intervals(Connection c, Path file, double fps) throws IOException {
        List<Interval> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery("SELECT agent_id, target_id, action, start_frame, stop_frame FROM read_parquet("
                                + literal(file) + ")")) {
            while (r.next()) {
                int start = (int) Math.ceil(r.getInt(4) * FPS / fps - 1e-9);
                int stop = (int) Math.ceil(r.getInt(5) * FPS / fps - 1e-9);
                String target = r.getString(2);
                out.add(new Interval(
                        mouseId(r.getString(1), file),
                        target.equals("self") ? -1 : mouseId(target, file),
                        r.getString(3),
                        start,
                        stop));
            }
        } catch (SQLException e) {
            throw new IOException(file + ": not a readable MABe annotation file (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static PoseVideo pair(
            String lab,
            String video,
            Tracks tracks,
            int a,
            int t,
            List<String> labelledList,
            List<Interval> intervals,
            Path annotation)
            throws IOException {
        int agentId = tracks.mice.get(a);
        int targetId = tracks.mice.get(t);
        boolean[] labelled = new boolean[VOCABULARY.size()];
        labelled[VOCABULARY.indexOf("other")] = true;
        boolean any = false;
        for (String entry : labelledList) {
            String[] f = entry.split(",", -1);
            if (f.length == 3
                    && mouseId(f[0], annotation) == agentId
                    && (f[1].trim().equals("self") || mouseId(f[1], annotation) == targetId)) {
                int c = VOCABULARY.indexOf(f[2].trim());
                if (c >= 0) {
                    labelled[c] = true;
                    any = true;
                }
            }
        }
        if (!labelledList.isEmpty() && !any) {
            return null; // the annotators watched no behaviour of this pair
        }
        int[] labels = new int[tracks.frames];
        Arrays.fill(labels, labelledList.isEmpty() ? -1 : VOCABULARY.indexOf("other"));
        int dropped = 0;
        for (Interval i : intervals) {
            if (i.agent() != agentId || (i.target() != -1 && i.target() != targetId)) {
                continue;
            }
            int c = VOCABULARY.indexOf(i.action());
            for (int f = Math.max(0, i.start()); f < Math.min(tracks.frames, i.stop()); f++) {
                labels[f] = c;
                dropped += c < 0 ? 1 : 0;
            }
        }
        float[] confidence = new float[tracks.frames * tracks.mice.size() * CalMs21Json.PARTS.size()];
        Arrays.fill(confidence, 1f);
        PoseVideo raw = new PoseVideo(
                lab + "/" + video + "/mouse" + agentId + "->mouse" + targetId,
                FPS,
                "cm",
                tracks.frames,
                tracks.mice.size(),
                CalMs21Json.PARTS,
                tracks.keypoints.clone(),
                confidence,
                a,
                t,
                labels,
                VOCABULARY,
                labelled,
                new PoseVideo.Repairs(0, tracks.substituted, dropped));
        return KeypointGaps.filled(raw);
    }

    private static List<Map<String, String>> rows(Connection c, String sql, Path file) throws IOException {
        List<Map<String, String>> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(r.getMetaData().getColumnName(i), r.getString(i));
                }
                out.add(row);
            }
        } catch (SQLException e) {
            throw new IOException(file + ": not a readable MABe metadata CSV (" + e.getMessage() + ")", e);
        }
        return out;
    }

    private static String require(Map<String, String> row, String column, Path file) throws IOException {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            throw new IOException(file + ": column " + column + " is missing or empty (row " + row + ")");
        }
        return v.trim();
    }

    private static double number(String v, Path file, String video, String column) throws IOException {
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": video " + video + " has " + column + " '" + v + "', not a positive number");
    }

    /** 3, "3" or "mouse3" → 3. */
    private static int mouseId(String id, Path file) throws IOException {
        String digits = id == null ? "" : id.trim().replaceFirst("^mouse", "");
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": mouse id '" + id + "' is neither a number nor mouseN");
        }
    }

    /** Kaggle's list cells: {@code ["mouse1,mouse2,sniff", ...]} (quotes single or double), or empty. */
    static List<String> list(String cell) {
        String s = cell == null ? "" : cell.trim();
        if (s.isEmpty() || s.equals("[]") || s.equalsIgnoreCase("nan")) {
            return List.of();
        }
        s = s.replaceAll("^\\[|\\]$", "");
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[\"']([^\"']*)[\"']").matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
