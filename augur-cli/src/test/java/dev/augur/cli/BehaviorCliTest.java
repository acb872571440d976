package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BehaviorCliTest {
    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void simulateTrainTestPredictEndToEnd(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        assertThat(run(
                        "behavior",
                        "simulate",
                        "--out",
                        data.toString(),
                        "--train-videos",
                        "3",
                        "--test-videos",
                        "1",
                        "--frames",
                        "600",
                        "--mabe"))
                .as(cli.err())
                .isZero();
        assertThat(data.resolve("mabe/train.csv")).exists();
        Path run = dir.resolve("run");
        assertThat(run(
                        "behavior",
                        "train",
                        "--data",
                        data.resolve("calms21_train.json").toString(),
                        "--out",
                        run.toString(),
                        "--model",
                        "conv1d",
                        "--window",
                        "8",
                        "--width",
                        "4",
                        "--steps",
                        "20",
                        "--batch-size",
                        "8",
                        "--evaluate-every",
                        "10"))
                .as(cli.err())
                .isZero();
        assertThat(Files.readString(run.resolve("model/model.json"))).contains("\"task\" : \"behavior\"");
        Path test = dir.resolve("test");
        assertThat(run(
                        "behavior",
                        "test",
                        "--model",
                        run.resolve("model").toString(),
                        "--data",
                        data.resolve("calms21_test.json").toString(),
                        "--out",
                        test.toString()))
                .as(cli.err())
                .isZero();
        assertThat(Files.readAllLines(test.resolve("per_class.csv"))).hasSize(1 + 7 + 2);
        assertThat(test.resolve("confusion.png")).exists();
        // the same videos without their annotations have nothing to score: an error, not "macro F1 NaN"
        Path bare = dir.resolve("unannotated.json");
        Files.writeString(
                bare,
                Files.readString(data.resolve("calms21_test.json"))
                        .replaceAll("\"annotations\"\\s*:\\s*\\[[^\\]]*\\],?", ""));
        assertThat(run(
                        "behavior",
                        "test",
                        "--model",
                        run.resolve("model").toString(),
                        "--data",
                        bare.toString(),
                        "--out",
                        dir.resolve("bare").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("unannotated.json").contains("no annotated frame to score");
        Path mabeTest = dir.resolve("mabe-test");
        assertThat(run(
                        "behavior",
                        "test",
                        "--model",
                        run.resolve("model").toString(),
                        "--data",
                        data.resolve("mabe").toString(),
                        "--split",
                        "test",
                        "--out",
                        mabeTest.toString()))
                .as(cli.err())
                .isZero();
        // the same videos through the MABe layout: the same frames are scored
        assertThat(Files.readString(mabeTest.resolve("metrics.json"))).contains("\"frames\" : 600");
        Path labels = dir.resolve("labels.csv");
        Path submission = dir.resolve("submission.csv");
        assertThat(run(
                        "behavior",
                        "predict",
                        "--model",
                        run.resolve("model").toString(),
                        "--data",
                        data.resolve("calms21_test.json").toString(),
                        "--out",
                        labels.toString(),
                        "--submission",
                        submission.toString()))
                .as(cli.err())
                .isZero();
        List<String> rows = Files.readAllLines(labels);
        assertThat(rows).hasSize(1 + 600);
        assertThat(rows.get(1)).startsWith("sim/test/video000,0,");
        List<String> intervals = Files.readAllLines(submission);
        assertThat(intervals.get(0)).isEqualTo("row_id,video_id,agent_id,target_id,action,start_frame,stop_frame");
        for (String r : intervals.subList(1, intervals.size())) {
            String[] f = r.split(",", -1);
            assertThat(f[4]).isNotEqualTo("other");
            assertThat(Integer.parseInt(f[6])).isGreaterThan(Integer.parseInt(f[5]));
        }
    }

    @Test
    void aBrokenCalMs21FileIsAnErrorNamingIt(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"annotator-id_0\": {\"seq\": {\"keypoints\": [[[[1,2");
        assertThat(run(
                        "behavior",
                        "train",
                        "--data",
                        bad.toString(),
                        "--out",
                        dir.resolve("run").toString()))
                .isNotZero();
        assertThat(cli.err()).contains(bad.toString()).contains("not a complete CalMS21 JSON file");
    }
}
