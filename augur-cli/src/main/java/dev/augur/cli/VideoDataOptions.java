package dev.augur.cli;

import dev.augur.data.BouncingBalls;
import dev.augur.data.MovingMnist;
import dev.augur.data.RadarEchoes;
import dev.augur.io.FlagRange;
import dev.augur.video.VideoData;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a video model's sequences come from: the options every training command of the video task takes. */
final class VideoDataOptions {
    private static final List<String> KINDS = List.of("balls", "moving-mnist", "radar", "radar-images", "kth");

    @Option(
            names = "--data",
            defaultValue = "balls",
            description = "balls, moving-mnist (drawn on the fly from MNIST "
                    + "training digits), radar (synthetic echoes, 100x100), radar-images (--radar-dir) or kth "
                    + "(--kth-dir) "
                    + "(default: ${DEFAULT-VALUE})")
    String kind;

    @FlagRange(min = 1, max = 10)
    @Option(
            names = "--digits",
            defaultValue = "2",
            description = "Moving MNIST: digits per sequence (default: ${DEFAULT-VALUE})")
    int digits;

    @Option(
            names = "--mnist-dir",
            description = "Moving MNIST: your own MNIST IDX folder (default: the cache, fetched if missing)")
    Path mnistDir;

    @Option(
            names = "--kth-dir",
            description = "KTH: folder in e3d_lstm's layout (<action>/personXX_<action>_dN_uncomp/image_NNNN.jpg)")
    Path kthDir;

    @Option(
            names = "--radar-dir",
            description = "radar images: folder with train/ and test/, one sub-folder of grey images per recording")
    Path radarDir;

    @FlagRange(min = 0, max = 10_000)
    @Option(
            names = "--radar-stride",
            defaultValue = "0",
            description =
                    "radar images: frames between window starts, 0 = the window length (default: ${DEFAULT-VALUE})")
    int radarStride;

    @FlagRange(min = 4, max = 4096)
    @Option(
            names = "--size",
            description = "frame side in pixels (default: 32 balls, 64 Moving MNIST, 100 radar, 128 KTH)")
    Integer size;

    @FlagRange(min = 1, max = 20)
    @Option(names = "--balls", defaultValue = "3", description = "balls per sequence (default: ${DEFAULT-VALUE})")
    int balls;

    @Option(names = "--grey", description = "balls: one grey channel instead of seed 001's velocity colours")
    boolean grey;

    int side() {
        check();
        if (size != null) {
            return size;
        }
        return switch (kind) {
            case "moving-mnist" -> 64;
            case "radar", "radar-images" -> 100;
            case "kth" -> 128;
            default -> 32;
        };
    }

    int channels() {
        return kind.equals("balls") && !grey ? 3 : 1;
    }

    VideoData data(long seed) throws Exception {
        int side = side();
        return switch (kind) {
            case "moving-mnist" ->
                VideoData.movingMnist(
                        new MovingMnist.Config(
                                side, digits, DataCommand.mnistDir(mnistDir).toString()),
                        seed);
            case "radar" -> VideoData.radar(new RadarEchoes.Config(side, 8, 2.0), seed);
            case "radar-images" -> VideoData.radarImages(radarDir, side, radarStride, seed);
            case "kth" -> VideoData.kth(kthDir, side, seed);
            default -> VideoData.balls(new BouncingBalls.Config(side, balls, 1.2, 0.5, !grey), seed);
        };
    }

    private void check() {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("--data must be one of " + KINDS + ", got " + kind);
        }
        if (kind.equals("kth") && kthDir == null) {
            throw new IllegalArgumentException("--data kth needs --kth-dir (the folder of the six action folders)");
        }
        if (kind.equals("radar-images") && radarDir == null) {
            throw new IllegalArgumentException(
                    "--data radar-images needs --radar-dir (a folder with train/ and test/)");
        }
    }
}
