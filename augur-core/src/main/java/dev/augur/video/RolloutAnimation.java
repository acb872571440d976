package dev.augur.video;

import ai.djl.ndarray.NDManager;
import dev.augur.data.Clips;
import dev.augur.report.AnimatedGif;
import dev.augur.report.FrameImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An animated GIF of one sequence: the ground truth beside each model's long rollout from the same context
 * (seed 001 rolls out to 50 frames). During the context every panel shows the given frames.
 */
public final class RolloutAnimation {
    private RolloutAnimation() {}

    public static void write(
            List<VideoEvaluation.Candidate> models, Clips sequence, int context, Path gif, NDManager manager)
            throws IOException {
        if (sequence.count() != 1) {
            throw new IllegalArgumentException("animate one sequence at a time, got " + sequence.count());
        }
        int future = sequence.length() - context;
        Clips ctx = sequence.frames(0, context);
        List<float[]> rollouts = new ArrayList<>();
        for (VideoEvaluation.Candidate c : models) {
            rollouts.add(VideoEvaluation.predict(c.model(), ctx, future, manager));
        }
        List<String> captions = new ArrayList<>(List.of("truth"));
        models.forEach(c -> captions.add(c.name()));
        int frame = sequence.frameSize();
        int scale = Math.max(1, 128 / sequence.height());
        List<BufferedImage> frames = new ArrayList<>();
        for (int t = 0; t < sequence.length(); t++) {
            List<BufferedImage> panels = new ArrayList<>();
            panels.add(image(sequence.data(), t * frame, sequence, scale));
            for (float[] r : rollouts) {
                panels.add(
                        t < context
                                ? image(sequence.data(), t * frame, sequence, scale)
                                : image(r, (t - context) * frame, sequence, scale));
            }
            List<String> labelled = new ArrayList<>(captions);
            labelled.set(0, "truth t=" + t);
            frames.add(FrameImages.sideBySide(panels, labelled));
        }
        AnimatedGif.write(frames, 120, gif);
    }

    private static BufferedImage image(float[] data, int offset, Clips shape, int scale) {
        return FrameImages.image(data, offset, shape.channels(), shape.height(), shape.width(), scale);
    }
}
