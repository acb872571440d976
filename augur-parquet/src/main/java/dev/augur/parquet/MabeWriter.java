package dev.augur.parquet;

import dev.augur.behavior.PoseVideo;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes pose videos (two mice, CalMS21's seven parts) in the Kaggle MABe layout {@link MabeLayout} reads: the
 * metadata CSV, long-format tracking Parquet with MABe's part names, and annotation intervals of every behaviour but
 * "other"; coordinates scaled to pixels by {@code pixPerCm}, frames at the videos' own rate. Used to give the
 * simulated mice both layouts.
 */
public final class MabeWriter {
    private static final List<String> MABE_PARTS =
            List.of("nose", "ear_left", "ear_right", "neck", "hip_left", "hip_right", "tail_base");

    private MabeWriter() {}

    public static void write(List<PoseVideo> videos, Path root, String split, String lab, double pixPerCm)
            throws IOException {
        Files.createDirectories(root.resolve(split + "_tracking").resolve(lab));
        Files.createDirectories(root.resolve(split + "_annotation").resolve(lab));
        StringBuilder csv = new StringBuilder(
                "lab_id,video_id,frames_per_second,pix_per_cm_approx,body_parts_tracked,behaviors_labeled\n");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
            for (PoseVideo v : videos) {
                String id = v.id().replaceAll("[^A-Za-z0-9_-]", "_");
                tracking(c, v, root.resolve(split + "_tracking").resolve(lab).resolve(id + ".parquet"), pixPerCm);
                annotation(
                        c, v, root.resolve(split + "_annotation").resolve(lab).resolve(id + ".parquet"));
                StringBuilder labelled = new StringBuilder("[");
                for (int k = 0; k < v.vocabulary().size(); k++) {
                    if (v.labelled()[k] && !v.vocabulary().get(k).equals("other")) {
                        labelled.append(labelled.length() > 1 ? ", " : "")
                                .append(String.format(
                                        "'mouse%d,mouse%d,%s'",
                                        v.agent() + 1,
                                        v.target() + 1,
                                        v.vocabulary().get(k)));
                    }
                }
                csv.append(String.format(
                        Locale.ROOT,
                        "%s,%s,%s,%s,\"%s\",\"%s]\"%n",
                        lab,
                        id,
                        v.fps(),
                        pixPerCm,
                        MABE_PARTS.toString().replace(" ", ""),
                        labelled));
            }
        } catch (SQLException e) {
            throw new IOException(root + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(root.resolve(split + ".csv"), csv.toString());
    }

    private static void tracking(Connection c, PoseVideo v, Path file, double pixPerCm)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE tracking (video_frame INTEGER, mouse_id INTEGER, bodypart "
                    + "VARCHAR, x DOUBLE, y DOUBLE)");
        }
        try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "tracking")) {
            for (int t = 0; t < v.frames(); t++) {
                for (int m = 0; m < v.mice(); m++) {
                    for (int p = 0; p < MABE_PARTS.size(); p++) {
                        float x = v.coordinate(t, m, p, 0);
                        float y = v.coordinate(t, m, p, 1);
                        if (Float.isNaN(x) || Float.isNaN(y)) {
                            continue; // MABe leaves lost points out of the long table
                        }
                        a.beginRow();
                        a.append(t);
                        a.append(m + 1);
                        a.append(MABE_PARTS.get(p));
                        a.append(x * pixPerCm);
                        a.append(y * pixPerCm);
                        a.endRow();
                    }
                }
            }
        }
        copy(c, "tracking", file);
    }

    private static void annotation(Connection c, PoseVideo v, Path file) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE annotation (agent_id INTEGER, target_id INTEGER, action VARCHAR, "
                    + "start_frame INTEGER, stop_frame INTEGER)");
        }
        int[] labels = v.labels();
        try (DuckDBAppender a = ((DuckDBConnection) c).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "annotation")) {
            int start = 0;
            for (int t = 1; t <= labels.length; t++) {
                if (t == labels.length || labels[t] != labels[start]) {
                    if (labels[start] >= 0 && !v.vocabulary().get(labels[start]).equals("other")) {
                        a.beginRow();
                        a.append(v.agent() + 1);
                        a.append(v.target() + 1);
                        a.append(v.vocabulary().get(labels[start]));
                        a.append(start);
                        a.append(t);
                        a.endRow();
                    }
                    start = t;
                }
            }
        }
        copy(c, "annotation", file);
    }

    private static void copy(Connection c, String table, Path file) throws SQLException, IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = AtomicFiles.tempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (Statement s = c.createStatement()) {
                s.execute("COPY " + table + " TO " + MabeLayout.literal(tmp) + " (FORMAT PARQUET)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
