package dev.augur.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-written files in CalMS21 task 1's published schema, not only what our own writer produces. */
class CalMs21JsonTest {
    @TempDir
    Path dir;

    /**
     * Mouse m, axis a (0 = x, 1 = y), part k at frame t: 1000·m + 100·a + 10·k + t, so every number says where it
     * belongs.
     */
    private static String frame(int t, String nanAt) {
        StringBuilder b = new StringBuilder("[");
        for (int m = 0; m < 2; m++) {
            b.append(m == 0 ? "[" : ",[");
            for (int a = 0; a < 2; a++) {
                b.append(a == 0 ? "[" : ",[");
                for (int k = 0; k < 7; k++) {
                    String v = (m + "," + a + "," + k).equals(nanAt)
                            ? "NaN"
                            : Integer.toString(1000 * m + 100 * a + 10 * k + t);
                    b.append(k == 0 ? "" : ",").append(v);
                }
                b.append("]");
            }
            b.append("]");
        }
        return b.append("]").toString();
    }

    private static final String SCORES = "[[0.9,0.9,0.9,0.9,0.9,0.9,0.9],[0.8,0.8,0.8,0.8,0.8,0.8,0.8]]";
    private static final String VOCAB =
            "\"metadata\": {\"vocab\": {\"attack\": 0, \"investigation\": 1, \"mount\": 2, \"other\": 3}}";

    private Path file(String body) throws IOException {
        Path f = dir.resolve("calms21_task1_test.json");
        Files.writeString(f, body);
        return f;
    }

    private String sequence(String name, String frames, String annotations) {
        return "\"" + name + "\": {\"keypoints\": [" + frames + "], \"scores\": [" + SCORES + "," + SCORES + ","
                + SCORES + "], \"annotations\": [" + annotations + "], " + VOCAB + "}";
    }

    @Test
    void readsThePublishedLayoutIntoMicePartsXy() throws IOException {
        String frames = frame(0, "") + "," + frame(1, "1,0,3") + "," + frame(2, "");
        Path f = file(
                "{\"annotator-id_0\": {" + sequence("task1/test/mouse001_task1_annotator1", frames, "3, 1, 0") + "}}");
        List<PoseVideo> videos = CalMs21Json.read(f);
        assertThat(videos).hasSize(1);
        PoseVideo v = videos.get(0);
        assertThat(v.id()).isEqualTo("task1/test/mouse001_task1_annotator1");
        assertThat(v.frames()).isEqualTo(3);
        assertThat(v.vocabulary()).containsExactly("attack", "investigation", "mount", "other");
        assertThat(v.labels()).containsExactly(3, 1, 0);
        assertThat(v.labelled()).containsOnly(true);
        // mouse 1, part 5 (right_hip), y at frame 2 = 1000 + 100 + 50 + 2
        assertThat(v.coordinate(2, 1, 5, 1)).isEqualTo(1152f);
        assertThat(v.coordinate(0, 0, 6, 0)).isEqualTo(60f);
        // mouse 1's neck x was NaN at frame 1: interpolated between frames 0 and 2, and counted
        assertThat(v.coordinate(1, 1, 3, 0)).isEqualTo(1031f);
        assertThat(v.repairs().interpolatedKeypoints()).isEqualTo(1);
        assertThat(v.confidence()[7]).isEqualTo(0.8f);
        assertThat(v.agent()).isZero();
        assertThat(v.target()).isEqualTo(1);
    }

    @Test
    void ourWriterRoundTrips() throws IOException {
        String frames = frame(0, "") + "," + frame(1, "") + "," + frame(2, "");
        PoseVideo v = CalMs21Json.read(file("{\"g\": {" + sequence("s", frames, "0, 2, 2") + "}}"))
                .get(0);
        Path copy = dir.resolve("copy.json");
        CalMs21Json.write(List.of(v), copy);
        PoseVideo back = CalMs21Json.read(copy).get(0);
        assertThat(back.keypoints()).isEqualTo(v.keypoints());
        assertThat(back.labels()).isEqualTo(v.labels());
        assertThat(back.vocabulary()).isEqualTo(v.vocabulary());
    }

    @Test
    void eachKindOfDamageIsAnErrorNamingTheFile() throws IOException {
        String three = frame(0, "") + "," + frame(1, "") + "," + frame(2, "");
        Path truncated = file("{\"g\": {" + sequence("s", three, "0, 1, 2").substring(0, 200));
        assertThatThrownBy(() -> CalMs21Json.read(truncated))
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("not a complete CalMS21 JSON file");
        Path badLabel = file("{\"g\": {" + sequence("s", three, "0, 7, 2") + "}}");
        assertThatThrownBy(() -> CalMs21Json.read(badLabel))
                .hasMessageContaining("sequence s: frame 1 has annotation 7");
        Path shortAnn = file("{\"g\": {" + sequence("s", three, "0, 1") + "}}");
        assertThatThrownBy(() -> CalMs21Json.read(shortAnn)).hasMessageContaining("annotations must have 3 entries");
        Path wrongShape = file(
                "{\"g\": {" + sequence("s", three.replace("[0,10,20,30,40,50,60]", "[0,10,20]"), "0, 1, 2") + "}}");
        assertThatThrownBy(() -> CalMs21Json.read(wrongShape))
                .hasMessageContaining("keypoints of frame 0 must have 7 entries");
        String lost = frame(0, "0,1,2") + "," + frame(1, "0,1,2") + "," + frame(2, "0,1,2");
        Path neverSeen = file("{\"g\": {" + sequence("s", lost, "0, 1, 2") + "}}");
        assertThatThrownBy(() -> CalMs21Json.read(neverSeen)).hasMessageContaining("missing in every frame");
        assertThatThrownBy(() -> CalMs21Json.read(dir.resolve("absent.json"))).hasMessageContaining("absent.json");
        Path fraction = file("{\"g\": {" + sequence("s", three, "0, 1.5, 2") + "}}");
        assertThatThrownBy(() -> CalMs21Json.read(fraction)).hasMessageContaining("frame 1 has annotation 1.5");
        Path trailing = file("{\"g\": {" + sequence("s", three, "0, 1, 2") + "}} {\"g\": {}}");
        assertThatThrownBy(() -> CalMs21Json.read(trailing))
                .hasMessageContaining(trailing.toString())
                .hasMessageContaining("more data after the end of the JSON object");
    }
}
