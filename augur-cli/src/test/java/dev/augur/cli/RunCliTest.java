package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.augur.data.BouncingBalls;
import dev.augur.data.PredRnnNpz;
import dev.augur.engine.AugurEngine;
import dev.augur.video.UpstreamCheckpoint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code augur run}: predrnn-pytorch's flags on a predrnn-format .npz, its output layout, resume and bad input. */
class RunCliTest {
    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void data() throws Exception {
        AugurEngine.cpu();
        BouncingBalls balls = new BouncingBalls(new BouncingBalls.Config(16, 1, 1.5, 0.6, false), 3);
        try (NDManager m = NDManager.newBaseManager()) {
            PredRnnNpz.write(dir.resolve("train.npz"), balls.trainingBatch(0, 40, 8), 4, m);
            PredRnnNpz.write(dir.resolve("valid.npz"), balls.testSet(6, 8), 4, m);
        }
    }

    private int run(String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            CommandLine cl = Augur.commandLine();
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(args);
        } finally {
            System.setOut(old);
        }
    }

    /** Seed 002's command line, shrunk to seconds: the same flags, smaller numbers. */
    private String[] seed002(int iterations, String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "run",
                "--is_training",
                "True",
                "--dataset_name",
                "mnist",
                "--train_data_paths",
                dir.resolve("train.npz").toString(),
                "--valid_data_paths",
                dir.resolve("valid.npz").toString(),
                "--save_dir",
                dir.resolve("checkpoints").toString(),
                "--gen_frm_dir",
                dir.resolve("results").toString(),
                "--model_name",
                "predrnn",
                "--allow_gpu_growth",
                "True",
                "--img_channel",
                "1",
                "--img_width",
                "16",
                "--input_length",
                "4",
                "--total_length",
                "8",
                "--filter_size",
                "3",
                "--num_hidden",
                "8,8",
                "--patch_size",
                "2",
                "--layer_norm",
                "True",
                "--sampling_stop_iter",
                "50000",
                "--sampling_start_value",
                "1.0",
                "--sampling_delta_per_iter",
                "0.00002",
                "--lr",
                "0.001",
                "--batch_size",
                "4",
                "--max_iterations",
                Integer.toString(iterations),
                "--display_interval",
                "1",
                "--test_interval",
                "2",
                "--snapshot_interval",
                "2",
                "--num_save_samples",
                "1"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void trainsWritesPredRnnLayoutAndResumesFromASnapshot() throws Exception {
        assertThat(run(seed002(4))).as(err.toString()).isZero();
        Path sample = dir.resolve("results/4/1");
        assertThat(sample.resolve("gt1.png")).exists();
        assertThat(sample.resolve("gt8.png")).exists();
        assertThat(sample.resolve("pd5.png")).exists();
        assertThat(sample.resolve("pd8.png")).exists();
        assertThat(sample.resolve("pd4.png")).doesNotExist();
        assertThat(dir.resolve("results/2/metrics.csv")).exists();
        Path snapshot = dir.resolve("checkpoints/model.ckpt-2");
        assertThat(snapshot.resolve("model.json")).exists();
        assertThat(snapshot.resolve("checkpoint.npz")).exists();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("itr: 1")
                .contains("training loss: ")
                .contains("mse per seq: ")
                .contains("ssim per frame: ")
                .contains("psnr per frame: ");

        out.reset();
        assertThat(run(seed002(6, "--pretrained_model", snapshot.toString())))
                .as(err.toString())
                .isZero();
        printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("resuming from").contains("itr: 3").doesNotContain("itr: 1\n");
        assertThat(Files.readAllLines(dir.resolve("checkpoints/losses.csv"))).hasSize(1 + 6);

        // test mode reads only the validation data, as predrnn-pytorch's does (no --train_data_paths)
        assertThat(run(testRun(dir.resolve("checkpoints/model.ckpt-6"), "8,8")))
                .as(err.toString())
                .isZero();
        assertThat(dir.resolve("tested/test_result/1/pd8.png")).exists();
    }

    /** Test mode on {@code pretrained}, with the flags seed002 trained under. */
    private String[] testRun(Path pretrained, String hidden) {
        return new String[] {
            "run",
            "--is_training",
            "False",
            "--pretrained_model",
            pretrained.toString(),
            "--valid_data_paths",
            dir.resolve("valid.npz").toString(),
            "--save_dir",
            dir.resolve("checkpoints").toString(),
            "--gen_frm_dir",
            dir.resolve("tested").toString(),
            "--img_width",
            "16",
            "--input_length",
            "4",
            "--total_length",
            "8",
            "--filter_size",
            "3",
            "--num_hidden",
            hidden,
            "--patch_size",
            "2",
            "--layer_norm",
            "True",
            "--batch_size",
            "4",
            "--num_save_samples",
            "1"
        };
    }

    /** The printed per-frame metrics of a test run, from "mse per seq" on. */
    private String metricsPrinted() {
        String printed = out.toString(StandardCharsets.UTF_8);
        return printed.substring(printed.indexOf("mse per seq"));
    }

    @Test
    void aPredRnnPytorchCheckpointIsTestedAsItsBundleIs() throws Exception {
        assertThat(run(seed002(2))).as(err.toString()).isZero();
        Path snapshot = dir.resolve("checkpoints/model.ckpt-2");
        Path exported = dir.resolve("upstream/model.ckpt-2");
        UpstreamCheckpoint.export(snapshot, UpstreamCheckpoint.Format.PREDRNN_PYTORCH, exported);

        out.reset();
        assertThat(run(testRun(snapshot, "8,8"))).as(err.toString()).isZero();
        String fromBundle = metricsPrinted();
        out.reset();
        assertThat(run(testRun(exported, "8,8"))).as(err.toString()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("read the PyTorch checkpoint")
                .contains("ST-LSTM [8, 8], filter 3, patch 2, layer norm");
        assertThat(metricsPrinted()).isEqualTo(fromBundle);
        assertThat(dir.resolve("checkpoints/imported.model.ckpt-2/model.json")).exists();

        assertThat(run(testRun(exported, "8,8,8"))).isEqualTo(1);
        assertThat(err.toString())
                .contains("the checkpoint holds a ST-LSTM [8, 8], filter 3, patch 2, layer norm")
                .contains("the command line describes a ST-LSTM [8, 8, 8]");
    }

    @Test
    void seed002CommandTrainsTheE3dLstm() throws Exception {
        String[] args = seed002(2);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("predrnn")) {
                args[i] = "e3d_lstm";
            }
        }
        assertThat(run(args)).as(err.toString()).isZero();
        assertThat(dir.resolve("results/2/1/pd8.png")).exists();
        assertThat(Files.readString(dir.resolve("checkpoints/model.ckpt-2/model.json")))
                .contains("e3d_lstm");
    }

    /** OpenSTL's names: tau with --num_hidden hid_S,hid_T and its N_S/N_T; its loss gains the regularisation. */
    @Test
    void openStlsTauRunsUnderItsOwnNames() throws Exception {
        String[] args = seed002(2, "--N_S", "2", "--N_T", "2", "--mlp_ratio", "2", "--alpha", "0.5");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("predrnn")) {
                args[i] = "tau";
            } else if (args[i].equals("8,8")) {
                args[i] = "4,8";
            }
        }
        assertThat(run(args)).as(err.toString()).isZero();
        String bundle = Files.readString(dir.resolve("checkpoints/model.ckpt-2/model.json"));
        assertThat(bundle).contains("\"tau\"").contains("\"spatialLayers\" : 2").contains("l2+ddr:0.5");
    }

    @Test
    void e3dLstmTrainsOnAKthFolderAsItsScriptsDo() throws Exception {
        Path kth = dir.resolve("kth");
        for (int person : new int[] {1, 17}) {
            Path frames = kth.resolve("boxing").resolve(String.format("person%02d_boxing_d1_uncomp", person));
            Files.createDirectories(frames);
            for (int i = 1; i <= 12; i++) {
                BufferedImage img = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, 8, 0xFFFFFF);
                ImageIO.write(
                        img,
                        "jpg",
                        frames.resolve(String.format("image_%04d.jpg", i)).toFile());
            }
        }
        assertThat(run(
                        "run",
                        "--is_training",
                        "True",
                        "--dataset_name",
                        "action",
                        "--train_data_paths",
                        kth.toString(),
                        "--valid_data_paths",
                        kth.toString(),
                        "--save_dir",
                        dir.resolve("ck").toString(),
                        "--gen_frm_dir",
                        dir.resolve("res").toString(),
                        "--model_name",
                        "e3d_lstm",
                        "--allow_gpu_growth",
                        "True",
                        "--img_channel",
                        "1",
                        "--img_width",
                        "16",
                        "--input_length",
                        "4",
                        "--total_length",
                        "8",
                        "--filter_size",
                        "3",
                        "--num_hidden",
                        "4,4",
                        "--patch_size",
                        "2",
                        "--layer_norm",
                        "True",
                        "--reverse_input",
                        "False",
                        "--sampling_stop_iter",
                        "100000",
                        "--sampling_start_value",
                        "1.0",
                        "--sampling_delta_per_iter",
                        "0.00001",
                        "--lr",
                        "0.001",
                        "--batch_size",
                        "2",
                        "--max_iterations",
                        "2",
                        "--display_interval",
                        "1",
                        "--test_interval",
                        "2",
                        "--snapshot_interval",
                        "5000",
                        "--num_save_samples",
                        "1"))
                .as(err.toString())
                .isZero();
        assertThat(dir.resolve("res/2/1/pd8.png")).exists();
        assertThat(run(
                        "run",
                        "--dataset_name",
                        "action",
                        "--train_data_paths",
                        kth.toString(),
                        "--valid_data_paths",
                        dir.toString(),
                        "--max_iterations",
                        "1"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("same path");
    }

    @Test
    void unknownFlagsAndForeignCheckpointsAreErrors() throws Exception {
        assertThat(run(seed002(2, "--no_such_flag", "1"))).isEqualTo(2);
        assertThat(err.toString()).contains("--no_such_flag");

        Path tf = dir.resolve("model.ckpt-80000");
        Files.writeString(dir.resolve("model.ckpt-80000.index"), "tf");
        assertThat(run(seed002(2, "--pretrained_model", tf.toString())))
                .as(err.toString())
                .isEqualTo(1);
        assertThat(err.toString()).contains("TensorFlow checkpoint").contains("model.json + weights.npz");

        Path pt = dir.resolve("model.ckpt");
        Files.write(pt, new byte[] {(byte) 0x80, 2, 'c', 'x'});
        assertThat(run(seed002(2, "--pretrained_model", pt.toString()))).isEqualTo(1);
        assertThat(err.toString()).contains("PyTorch");

        assertThat(run(seed002(2, "--reverse_input", "maybe"))).isEqualTo(1);
        assertThat(err.toString()).contains("--reverse_input takes 1/0 or True/False");
    }
}
