package dev.augur.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.data.Clips;
import dev.augur.data.NumpyFiles;
import dev.augur.data.SequenceFiles;
import dev.augur.nn.ModelSpec;
import dev.augur.report.AnimatedGif;
import dev.augur.report.FrameImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code video predict}: the next frames of a user's sequence (.npy, predrnn .npz or a folder of PNGs) from a saved
 * model — {@code pred_XX.png}, {@code prediction.gif} (input then prediction) and {@code prediction.npz}.
 */
public final class VideoPrediction {
    private VideoPrediction() {}

    /** Which sequence (from 0) was predicted, of how many the file holds. */
    public record Result(int sequence, int count) {}

    /** Predicts {@code future} frames after sequence {@code sequence} (from 0) of {@code input}. */
    public static Result run(Path model, Path input, int sequence, int future, Path out) throws IOException {
        if (future < 1) {
            throw new IllegalArgumentException("--future must be >= 1, got " + future);
        }
        try (NDManager manager = NDManager.newBaseManager();
                VideoModels.Loaded loaded = VideoModels.load(model, manager)) {
            ModelSpec spec = loaded.model().spec();
            SequenceFiles.Sequence read = SequenceFiles.read(manager, input, sequence);
            Clips seq = read.frames();
            if (seq.channels() != spec.channels() || seq.height() != spec.height() || seq.width() != spec.width()) {
                throw new IllegalArgumentException(input + ": frames are " + seq.channels() + "x" + seq.height() + "x"
                        + seq.width() + " (CxHxW) but the model expects " + spec.channels() + "x" + spec.height() + "x"
                        + spec.width());
            }
            if (seq.length() < spec.inputLength()) {
                throw new IllegalArgumentException(
                        input + ": has " + seq.length() + " frames, the model reads " + spec.inputLength());
            }
            float[] predicted = VideoEvaluation.predict(loaded.model(), seq, future, manager);
            write(seq, predicted, future, spec, out, manager);
            return new Result(read.index(), read.count());
        }
    }

    private static void write(Clips seq, float[] predicted, int future, ModelSpec spec, Path out, NDManager manager)
            throws IOException {
        Files.createDirectories(out);
        int frame = seq.frameSize();
        int scale = Math.max(1, 128 / spec.height());
        List<BufferedImage> gif = new ArrayList<>();
        for (int t = 0; t < seq.length(); t++) {
            gif.add(FrameImages.sideBySide(
                    List.of(FrameImages.image(seq.data(), t * frame, seq.channels(), seq.height(), seq.width(), scale)),
                    List.of("input " + t)));
        }
        for (int k = 0; k < future; k++) {
            BufferedImage img = FrameImages.image(predicted, k * frame, seq.channels(), seq.height(), seq.width(), 1);
            FrameImages.writePng(img, out.resolve(String.format("pred_%02d.png", k + 1)));
            gif.add(FrameImages.sideBySide(
                    List.of(FrameImages.image(predicted, k * frame, seq.channels(), seq.height(), seq.width(), scale)),
                    List.of("predicted +" + (k + 1))));
        }
        AnimatedGif.write(gif, 150, out.resolve("prediction.gif"));
        try (NDManager m = manager.newSubManager()) {
            NDArray in = m.create(seq.data(), new Shape(seq.length(), seq.channels(), seq.height(), seq.width()));
            in.setName("input");
            NDArray pr = m.create(predicted, new Shape(future, seq.channels(), seq.height(), seq.width()));
            pr.setName("prediction");
            NumpyFiles.writeNpz(out.resolve("prediction.npz"), new NDList(in, pr));
        }
    }
}
