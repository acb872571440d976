package dev.augur.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.augur.behavior.CalMs21Json;
import dev.augur.behavior.MousePairSimulator;
import dev.augur.behavior.PoseVideo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MabeLayoutTest {
    @TempDir
    Path dir;

    @Test
    void aCalMs21FileAndAMabeFolderOfTheSameSimulatedVideosLoadToTheSameKeypoints() throws Exception {
        List<PoseVideo> sim =
                new MousePairSimulator(new MousePairSimulator.Config(2.0, 0.005)).videos("sim/v", 2, 900, 4);
        Path json = dir.resolve("calms21.json");
        CalMs21Json.write(sim, json);
        MabeWriter.write(sim, dir.resolve("mabe"), "train", "simlab", 1.0);
        List<PoseVideo> fromJson = CalMs21Json.read(json);
        MabeLayout.Result fromMabe = MabeLayout.read(dir.resolve("mabe"), "train");
        // mouse 2 -> mouse 1 was never labelled: only the labelled pair of each video comes back
        assertThat(fromMabe.videos()).hasSize(2);
        for (int v = 0; v < 2; v++) {
            PoseVideo a = fromJson.get(v);
            PoseVideo b = fromMabe.videos().get(v);
            assertThat(b.agent()).isZero();
            assertThat(b.target()).isEqualTo(1);
            assertThat(b.labels()).isEqualTo(a.labels());
            assertThat(b.repairs().interpolatedKeypoints())
                    .isEqualTo(a.repairs().interpolatedKeypoints())
                    .isPositive();
            for (int i = 0; i < a.keypoints().length; i++) {
                assertThat(b.keypoints()[i]).isCloseTo(a.keypoints()[i], offset(0.006f));
            }
        }
    }

    /** A hand-written video in the published schema: 3 mice at 15 fps, 2 px per cm, MABe part names. */
    private Path handWritten(boolean withNeck) throws Exception {
        Path root = dir.resolve("hand");
        Files.createDirectories(root.resolve("train_tracking/labA"));
        Files.createDirectories(root.resolve("train_annotation/labA"));
        Files.writeString(
                root.resolve("train.csv"),
                "lab_id,video_id,mouse1_strain,frames_per_second,pix_per_cm_approx,"
                        + "body_parts_tracked,behaviors_labeled\n"
                        + "labA,44,C57,15,2.0,\"['nose','ear_left']\",\"['mouse1,mouse2,attack', "
                        + "'mouse1,mouse2,chase', "
                        + "'mouse3,self,genitalgroom']\"\n");
        StringBuilder values = new StringBuilder();
        String[] parts = withNeck
                ? new String[] {
                    "nose", "ear_left", "ear_right", "neck", "hip_left", "hip_right", "tail_base", "tail_tip"
                }
                : new String[] {"nose", "ear_left", "ear_right", "hip_left", "hip_right", "tail_base", "tail_tip"};
        for (int f = 0; f < 3; f++) {
            for (int m = 1; m <= 3; m++) {
                for (int p = 0; p < parts.length; p++) {
                    // x = 100·m + 10·p + 2·f px, y = 4·f px
                    values.append(values.length() == 0 ? "" : ",")
                            .append(String.format(
                                    "(%d, %d, '%s', %d, %d)", f, m, parts[p], 100 * m + 10 * p + 2 * f, 4 * f));
                }
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM (VALUES " + values + ") t(video_frame, mouse_id, bodypart, x, y)) TO "
                    + MabeLayout.literal(root.resolve("train_tracking/labA/44.parquet")) + " (FORMAT PARQUET)");
            s.execute("COPY (SELECT * FROM (VALUES (1, 2, 'attack', 1, 2), (1, 2, 'chase', 2, 3), (3, 3, "
                    + "'genitalgroom', 0, 3)) "
                    + "t(agent_id, target_id, action, start_frame, stop_frame)) TO "
                    + MabeLayout.literal(root.resolve("train_annotation/labA/44.parquet"))
                    + " (FORMAT PARQUET)");
        }
        return root;
    }

    @Test
    void readsThePublishedSchemaResamplesConvertsAndMasks() throws Exception {
        MabeLayout.Result r = MabeLayout.read(handWritten(true), "train");
        // labelled pairs: 1 -> 2 (attack; chase is not in the vocabulary) and 3 -> 1, 3 -> 2 (self-grooming)
        assertThat(r.videos())
                .extracting(PoseVideo::id)
                .containsExactly("labA/44/mouse1->mouse2", "labA/44/mouse3->mouse1", "labA/44/mouse3->mouse2");
        PoseVideo v = r.videos().get(0);
        assertThat(v.unit()).isEqualTo("cm");
        assertThat(v.mice()).isEqualTo(3);
        // 3 frames at 15 fps -> 5 frames at 30 fps; frame 1 lies half way between source frames 0 and 1
        assertThat(v.frames()).isEqualTo(5);
        // mouse 2 (index 1), neck (part 3 = MABe's 4th, index 3): x = (200 + 30 + 2·0.5) / 2 cm
        assertThat(v.coordinate(1, 1, 3, 0)).isCloseTo((200 + 30 + 1) / 2f, offset(1e-4f));
        assertThat(v.coordinate(4, 0, 0, 1)).isCloseTo(8 / 2f, offset(1e-4f));
        int attack = MabeLayout.VOCABULARY.indexOf("attack");
        int other = MabeLayout.VOCABULARY.indexOf("other");
        // attack in source frames [1, 2) -> [2, 4) at 30 Hz; chase [2, 3) -> [4, 6): not in the vocabulary, unlabelled
        assertThat(v.labels()).containsExactly(other, other, attack, attack, -1);
        assertThat(v.repairs().unlabelledFrames()).isEqualTo(1);
        assertThat(v.labelled()[attack]).isTrue();
        assertThat(v.labelled()[MabeLayout.VOCABULARY.indexOf("mount")])
                .as("not annotated in this video: masked")
                .isFalse();
        assertThat(r.summary().ignoredParts()).containsExactly("tail_tip");
        assertThat(r.summary().resampledVideos()).isEqualTo(1);
    }

    @Test
    void aPartNeverTrackedIsStoodInForAndCounted() throws Exception {
        MabeLayout.Result r = MabeLayout.read(handWritten(false), "train");
        PoseVideo v = r.videos().get(0);
        // no neck: the ears' midpoint, mouse 1 frame 0: ((100 + 10) + (100 + 20)) / 2 px = 115 px = 57.5 cm
        assertThat(v.coordinate(0, 0, 3, 0)).isCloseTo(57.5f, offset(1e-4f));
        assertThat(r.summary().substitutedParts()).isEqualTo(3);
    }

    @Test
    void damagedInputIsAnErrorNamingTheFile() throws Exception {
        Path root = handWritten(true);
        Path tracking = root.resolve("train_tracking/labA/44.parquet");
        Files.write(tracking, new byte[] {'P', 'A', 'R', '1', 0, 0, 0});
        assertThatThrownBy(() -> MabeLayout.read(root, "train")).hasMessageContaining(tracking.toString());
        Files.delete(tracking);
        assertThatThrownBy(() -> MabeLayout.read(root, "train"))
                .hasMessageContaining(tracking.toString())
                .hasMessageContaining("no tracking file");
        Files.writeString(
                root.resolve("train.csv"), "lab_id,video_id,frames_per_second,pix_per_cm_approx\nlabA,44,15,zero\n");
        assertThatThrownBy(() -> MabeLayout.read(root, "train")).hasMessageContaining("pix_per_cm_approx 'zero'");
        assertThatThrownBy(() -> MabeLayout.read(dir.resolve("nothing"), "train"))
                .hasMessageContaining("train.csv");
    }

    @Test
    void kaggleListCellsParse() {
        assertThat(MabeLayout.list("[\"mouse1,mouse2,sniff\", \"mouse2,mouse1,attack\"]"))
                .containsExactly("mouse1,mouse2,sniff", "mouse2,mouse1,attack");
        assertThat(MabeLayout.list("['a,b,c']")).containsExactly("a,b,c");
        assertThat(MabeLayout.list("")).isEmpty();
    }
}
