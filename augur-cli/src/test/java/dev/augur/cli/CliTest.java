package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.data.BouncingBalls;
import dev.augur.data.Clips;
import dev.augur.report.FrameImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on small runs: train, test, predict, compare, and what bad input gets. */
class CliTest {
    private final CommandRunner cli = new CommandRunner();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String[] trainArgs(Path out, String model, String... extra) {
        String[] base = {
            "video",
            "train",
            "--out",
            out.toString(),
            "--model",
            model,
            "--size",
            "16",
            "--balls",
            "1",
            "--grey",
            "--hidden",
            "8",
            "--filter",
            "3",
            "--patch",
            "2",
            "--steps",
            "30",
            "--batch-size",
            "4",
            "--checkpoint-every",
            "10"
        };
        String[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void trainTestPredictAndCompareRunEndToEnd(@TempDir Path dir) throws Exception {
        assertThat(run(trainArgs(dir.resolve("lstm"), "convlstm")))
                .as(cli.err())
                .isZero();
        assertThat(run(trainArgs(dir.resolve("conv"), "conv"))).as(cli.err()).isZero();
        Path lstm = dir.resolve("lstm/model");
        assertThat(lstm.resolve("model.json")).exists();
        assertThat(lstm.resolve("weights.npz")).exists();
        assertThat(dir.resolve("lstm/losses.csv")).exists();

        assertThat(run("video", "test", "--model", lstm.toString(), "--sequences", "20"))
                .as(cli.err())
                .isZero();
        assertThat(lstm.resolve("metrics.json")).exists();
        assertThat(Files.readString(lstm.resolve("metrics.csv"))).contains("copy-last-frame");

        assertThat(run(
                        "video",
                        "compare",
                        "--model",
                        lstm.toString(),
                        "--model",
                        dir.resolve("conv/model").toString(),
                        "--sequences",
                        "20",
                        "--out",
                        dir.resolve("cmp").toString()))
                .as(cli.err())
                .isZero();
        assertThat(dir.resolve("cmp/error_vs_step.png")).exists();
        assertThat(dir.resolve("cmp/rollout.gif")).exists();

        Path frames = pngFrames(dir.resolve("frames"), 6);
        Path out = dir.resolve("pred");
        assertThat(run(
                        "video",
                        "predict",
                        "--model",
                        lstm.toString(),
                        "--input",
                        frames.toString(),
                        "--future",
                        "3",
                        "--out",
                        out.toString()))
                .as(cli.err())
                .isZero();
        assertThat(out.resolve("pred_01.png")).exists();
        assertThat(out.resolve("pred_03.png")).exists();
        assertThat(out.resolve("prediction.gif")).exists();
        assertThat(out.resolve("prediction.npz")).exists();
    }

    /**
     * SimVP and TAU from the command line: their loss falls, the bundle keeps their layout (and TAU's regularised
     * loss), and prediction past J frames feeds whole predicted chunks back.
     */
    @Test
    void encoderTranslatorDecoderModelsTrainTestAndPredict(@TempDir Path dir) throws Exception {
        for (String model : List.of("simvp", "tau")) {
            Path run = dir.resolve(model);
            String[] args = trainArgs(
                    run,
                    model,
                    "--input-length",
                    "3",
                    "--future",
                    "3",
                    "--spatial-layers",
                    "2",
                    "--translator-blocks",
                    "2",
                    "--mlp-ratio",
                    "2",
                    "--lr",
                    "3e-3");
            args[Arrays.asList(args).indexOf("--hidden") + 1] = "4,16";
            args[Arrays.asList(args).indexOf("--patch") + 1] = "1";
            args[Arrays.asList(args).indexOf("--steps") + 1] = "40";
            assertThat(run(args)).as(cli.err()).isZero();
            List<String> losses = Files.readAllLines(run.resolve("losses.csv"));
            double first = meanLoss(losses.subList(1, 6));
            double last = meanLoss(losses.subList(losses.size() - 5, losses.size()));
            assertThat(last).as(model + " loss, last 5 steps against first 5").isLessThan(0.7 * first);
            String bundle = Files.readString(run.resolve("model/model.json"));
            assertThat(bundle).contains("\"blocks\" : 2");
            assertThat(bundle.contains("l2+ddr")).isEqualTo(model.equals("tau"));
            assertThat(run("video", "test", "--model", run.resolve("model").toString(), "--sequences", "8"))
                    .as(cli.err())
                    .isZero();
        }
        Path frames = pngFrames(dir.resolve("frames"), 3);
        Path out = dir.resolve("pred");
        assertThat(run(
                        "video",
                        "predict",
                        "--model",
                        dir.resolve("tau/model").toString(),
                        "--input",
                        frames.toString(),
                        "--future",
                        "7",
                        "--out",
                        out.toString()))
                .as(cli.err())
                .isZero();
        assertThat(out.resolve("pred_07.png")).exists();
    }

    /** A folder of {@code count} grey 16×16 bouncing-ball frames, frame_00.png on. */
    private static Path pngFrames(Path frames, int count) throws IOException {
        Clips seq = new BouncingBalls(new BouncingBalls.Config(16, 1, 1.2, 0.5, false), 3).testSet(1, count);
        for (int t = 0; t < seq.length(); t++) {
            FrameImages.writePng(
                    FrameImages.image(seq.data(), t * 256, 1, 16, 16, 1),
                    frames.resolve(String.format("frame_%02d.png", t)));
        }
        return frames;
    }

    private static double meanLoss(List<String> rows) {
        return rows.stream()
                .mapToDouble(r -> Double.parseDouble(r.substring(r.indexOf(',') + 1)))
                .average()
                .orElseThrow();
    }

    @Test
    void rerunningIntoAFolderWithACheckpointNeedsResume(@TempDir Path dir) {
        assertThat(run(trainArgs(dir.resolve("r"), "convlstm"))).isZero();
        assertThat(run(trainArgs(dir.resolve("r"), "convlstm"))).isEqualTo(1);
        assertThat(cli.err()).contains("checkpoint.npz").contains("--resume");
        assertThat(run(trainArgs(dir.resolve("r"), "convlstm", "--resume", "--lr", "0.5")))
                .isEqualTo(1);
        assertThat(cli.err())
                .contains("other settings")
                .containsPattern("training\\.learningRate was [0-9.eE-]+, now 0\\.5")
                .doesNotContain("VideoRun[");
    }

    @Test
    void everyTaskAnswersHelpAndAMissingVerbIsAUsageError() {
        for (String task : new String[] {"video", "bursts", "demo", "bench", "quickstart"}) {
            assertThat(run(task, "--help")).as(task).isZero();
        }
        assertThat(run("bursts")).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required subcommand");
    }

    @Test
    void badInputGetsOneLineErrorsAndNonZeroExits(@TempDir Path dir) throws Exception {
        assertThat(run("video", "train", "--out", dir.toString(), "--no-such-flag"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--no-such-flag");

        cli.clearErr();
        assertThat(run("video", "test", "--model", dir.resolve("missing").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).startsWith("augur: error: ").contains("missing").doesNotContain("Exception");

        cli.clearErr();
        assertThat(run("video", "train", "--out", dir.resolve("x").toString(), "--filter", "4"))
                .isEqualTo(1);
        assertThat(cli.err()).contains("filter size must be odd");

        cli.clearErr();
        assertThat(run("video", "train", "--out", dir.resolve("x").toString(), "--device", "tpu"))
                .isEqualTo(1);
        assertThat(cli.err()).contains("--device");

        assertThat(run(trainArgs(dir.resolve("ok"), "convlstm"))).isZero();
        cli.clearErr();
        Path wrongSize = dir.resolve("wrong.npy");
        Files.copy(Path.of(getClass().getResource("/wrong_size.npy").toURI()), wrongSize);
        assertThat(run(
                        "video",
                        "predict",
                        "--model",
                        dir.resolve("ok/model").toString(),
                        "--input",
                        wrongSize.toString(),
                        "--out",
                        dir.resolve("p").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("wrong.npy").contains("model expects");
        assertThat(dir.resolve("p")).doesNotExist();
    }
}
