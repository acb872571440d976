package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstsCliTest {
    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void simulateThenLabelWritesOneRowPerFrame(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tank.mp4");
        assertThat(run("bursts", "simulate", "--out", video.toString(), "--seconds", "20", "--seed", "2"))
                .as(cli.err())
                .isZero();
        assertThat(dir.resolve("tank.tracks.csv")).exists();
        assertThat(dir.resolve("tank.chases.csv")).exists();
        assertThat(Files.getPosixFilePermissions(video)).contains(PosixFilePermission.OTHERS_READ);

        Path csv = dir.resolve("labels.csv");
        assertThat(run("bursts", "label", "--video", video.toString(), "--out", csv.toString(), "--refit"))
                .as(cli.err())
                .isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("frame,time,motion_energy,label,baseline_probability");
        assertThat(rows).hasSize(1 + 599); // 600 frames give 599 frame differences
        assertThat(rows.get(100))
                .matches("99,3\\.3000,0\\.\\d+,-1,0\\.\\d+"); // before seed 000's first labelled frame, 119
        assertThat(rows.get(200)).matches("199,6\\.6333,0\\.\\d+,[01],0\\.\\d+");
        assertThat(rows.get(599))
                .endsWith(",-1," + rows.get(599).substring(rows.get(599).lastIndexOf(',') + 1));
    }

    @Test
    void aTruncatedVideoIsRefusedUnlessDamageIsAllowed(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tank.mkv");
        assertThat(run("bursts", "simulate", "--out", video.toString(), "--seconds", "20", "--seed", "2"))
                .isZero();
        byte[] bytes = Files.readAllBytes(video);
        Path truncated = dir.resolve("truncated.mkv");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        Path csv = dir.resolve("labels.csv");
        try {
            assertThat(run("bursts", "label", "--video", truncated.toString(), "--out", csv.toString()))
                    .isEqualTo(1);
            assertThat(cli.err())
                    .contains(truncated.toString())
                    .contains("damaged or truncated")
                    .contains("--allow-damaged")
                    .doesNotContain("Exception");
            assertThat(csv).doesNotExist();
            assertThat(run(
                            "bursts",
                            "label",
                            "--video",
                            truncated.toString(),
                            "--out",
                            csv.toString(),
                            "--allow-damaged"))
                    .as(cli.err())
                    .isZero();
            assertThat(Files.readAllLines(csv).size()).isBetween(250, 350);
        } finally {
            System.clearProperty("augur.allowDamaged");
        }
    }

    @Test
    void recordingsOfSeveralDaysTrainAModelThatBurstsTestScoresOnOthers(@TempDir Path dir) throws Exception {
        for (int seed = 1; seed <= 6; seed++) {
            assertThat(run(
                            "bursts",
                            "simulate",
                            "--out",
                            dir.resolve("day-" + seed + ".mkv").toString(),
                            "--seconds",
                            "40",
                            "--seed",
                            String.valueOf(seed)))
                    .isZero();
        }
        Path out = dir.resolve("run");
        String days = dir + "/day-[123].mkv";
        // several recordings without validation ones: refused, nothing trained
        assertThat(trainSmall("--video", days, "--out", out.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("3 recordings given with --video").contains("--validation-recordings");
        assertThat(out.resolve("checkpoint.npz")).doesNotExist();
        // a recording in two sets: refused, naming it
        String day3 = dir.resolve("day-3.mkv").toString();
        assertThat(trainSmall("--video", days, "--validation-recordings", day3, "--out", out.toString()))
                .isNotZero();
        assertThat(cli.err()).contains("day-3.mkv").contains("one set only");

        String day4 = dir.resolve("day-4.mkv").toString();
        assertThat(trainSmall("--video", days, "--validation-recordings", day4, "--out", out.toString()))
                .as(cli.err())
                .isZero();
        assertThat(Files.readString(out.resolve("model/model.json")))
                .contains("day-1.mkv")
                .contains("day-3.mkv")
                .doesNotContain("day-4.mkv");
        assertThat(out.resolve("validation-recordings/day-4.mkv_scores.csv")).exists();
        assertThat(out.resolve("test_scores.csv")).doesNotExist();
        // a resume must continue the same run: another training recording, or another setting, is named and refused
        String otherDays = dir + "/day-[125].mkv";
        assertThat(trainSmall(
                        "--video", otherDays, "--validation-recordings", day4, "--out", out.toString(), "--resume"))
                .isEqualTo(1);
        assertThat(cli.err())
                .contains("run.json")
                .contains("other settings")
                .contains("training.2.name was day-3.mkv, now day-5.mkv")
                .doesNotContain("BurstRun[");
        assertThat(trainSmall(
                        "--video",
                        days,
                        "--validation-recordings",
                        day4,
                        "--out",
                        out.toString(),
                        "--resume",
                        "--stride",
                        "2"))
                .isEqualTo(1);
        assertThat(cli.err()).contains("settings.stride was 3, now 2");
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".frames."));
        }

        Path test = dir.resolve("test");
        assertThat(run(
                        "bursts",
                        "test",
                        "--model",
                        out.resolve("model").toString(),
                        "--video",
                        dir.resolve("day-5.mkv").toString(),
                        "--video",
                        dir.resolve("day-6.mkv").toString(),
                        "--out",
                        test.toString()))
                .as(cli.err())
                .isZero();
        String pooled = Files.readString(test.resolve("summary.md"));
        assertThat(pooled)
                .contains("| day-5.mkv |")
                .contains("| day-6.mkv |")
                .contains("Pooled over all recordings")
                .contains("drawing whole recordings");

        // the same split written down once, with a test recording scored at the end
        Path manifest = Files.writeString(dir.resolve("split.csv"), """
                path,split
                day-1.mkv,train
                day-2.mkv,train
                day-4.mkv,validation
                day-5.mkv,validation
                day-6.mkv,test
                """);
        Path byManifest = dir.resolve("run-manifest");
        assertThat(trainSmall("--manifest", manifest.toString(), "--out", byManifest.toString()))
                .as(cli.err())
                .isZero();
        assertThat(byManifest.resolve("validation-recordings/summary.md")).exists();
        assertThat(byManifest.resolve("test-recordings/summary.md")).exists();
    }

    /** bursts train with the given recordings and the smallest model that runs: seconds, not minutes. */
    private int trainSmall(String... args) {
        String[] small = {
            "--steps", "20", "--factor", "4", "--window", "8", "--hidden", "4", "--batch-size", "4", "--lr", "1e-3"
        };
        String[] all = new String[2 + args.length + small.length];
        all[0] = "bursts";
        all[1] = "train";
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(small, 0, all, 2 + args.length, small.length);
        return run(all);
    }

    @Test
    void trainScoresModelAndBaselineOnHeldOutBlocksAndSavesABundle(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tank.mkv");
        assertThat(run("bursts", "simulate", "--out", video.toString(), "--seconds", "180", "--seed", "3"))
                .isZero();
        Path out = dir.resolve("run");
        assertThat(run(
                        "bursts",
                        "train",
                        "--video",
                        video.toString(),
                        "--out",
                        out.toString(),
                        "--steps",
                        "20",
                        "--factor",
                        "4",
                        "--window",
                        "8",
                        "--hidden",
                        "4",
                        "--batch-size",
                        "4",
                        "--lr",
                        "1e-3"))
                .as(cli.err())
                .isZero();
        assertThat(out.resolve("model/model.json")).exists();
        assertThat(Files.readString(out.resolve("model/model.json"))).contains("\"task\" : \"bursts\"");
        String summary = Files.readString(out.resolve("summary.md"));
        assertThat(summary)
                .contains("test block")
                .contains("ConvLSTM")
                .contains("baseline")
                .contains("AUC difference");
        assertThat(Files.readString(out.resolve("metrics.json")))
                .contains("rocAuc")
                .contains("calibration");
        assertThat(Files.readString(out.resolve("model/model.json"))).contains("alertThreshold");

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        Path shortVideo = dir.resolve("short.mkv");
        assertThat(run("bursts", "simulate", "--out", shortVideo.toString(), "--seconds", "2", "--seed", "4"))
                .isZero();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(run(
                            "bursts",
                            "forecast",
                            "--model",
                            out.resolve("model").toString(),
                            "--video",
                            shortVideo.toString(),
                            "--threshold",
                            "0.5"))
                    .as(cli.err())
                    .isZero();
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.startsWith("{"))
                .toList();
        assertThat(lines).hasSize(60);
        assertThat(lines.get(0))
                .isEqualTo("{\"frame\":0,\"time\":0.0,\"probability\":null,\"calibrated\":null,\"alert\":false}");
        assertThat(lines.get(59))
                .matches("\\{\"frame\":59,\"time\":1\\.9667,\"probability\":0\\.\\d+,\"calibrated\":0\\.\\d+,"
                        + "\"alert\":(true|false)\\}");

        // a video model scored on a labelled video beside the baseline (labels with the bundle's refit rule)
        Path scored = dir.resolve("scored");
        assertThat(run(
                        "bursts",
                        "test",
                        "--model",
                        out.resolve("model").toString(),
                        "--video",
                        video.toString(),
                        "--out",
                        scored.toString()))
                .as(cli.err())
                .isZero();
        assertThat(Files.readString(scored.resolve("summary.md")))
                .contains("| ConvLSTM |")
                .contains("| seed 000 baseline |")
                .contains("ROC-AUC ConvLSTM − seed 000 baseline");
    }

    @Test
    void unreadableOrTooShortVideosAreOneLineErrors(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.mp4");
        Files.writeString(bad, "not a video");
        assertThat(run(
                        "bursts",
                        "label",
                        "--video",
                        bad.toString(),
                        "--out",
                        dir.resolve("x.csv").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("bad.mp4").contains("not a readable video");
        assertThat(dir.resolve("x.csv")).doesNotExist();

        Path shortVideo = dir.resolve("short.mkv");
        assertThat(run("bursts", "simulate", "--out", shortVideo.toString(), "--seconds", "1"))
                .isZero();
        cli.clearErr();
        assertThat(run(
                        "bursts",
                        "label",
                        "--video",
                        shortVideo.toString(),
                        "--out",
                        dir.resolve("y.csv").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("short.mkv").contains("horizon");
    }
}
