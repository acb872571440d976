package dev.augur.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.augur.data.ClipSource;
import dev.augur.nn.FramePredictor;
import dev.augur.train.FrameLoss;
import dev.augur.train.Objective;
import dev.augur.train.ScheduledSampling;

/**
 * Video prediction as predrnn-pytorch trains it: the loss covers every predicted frame 1 … T−1, and the
 * frames after the J inputs are fed back under scheduled sampling. SimVP and TAU predict frames J … T−1 only, and
 * their loss covers those ({@link FramePredictor#firstTarget()}). With reverse input each clip also appears
 * played backwards in the same batch, under the same mask; predrnn-pytorch takes a second optimiser step on the
 * reversed batch instead, we average both in one step.
 */
public final class FramePredictionObjective implements Objective {
    private final FramePredictor model;
    private final ClipSource source;
    private final FramePredictionConfig config;
    private final ScheduledSampling sampling;

    public FramePredictionObjective(FramePredictor model, ClipSource source, FramePredictionConfig config) {
        if (config.clipLength() <= model.spec().inputLength()) {
            throw new IllegalArgumentException("clip length " + config.clipLength()
                    + " leaves nothing to predict after " + model.spec().inputLength() + " input frames");
        }
        if (source.channels() != model.spec().channels()
                || source.height() != model.spec().height()
                || source.width() != model.spec().width()) {
            throw new IllegalArgumentException("data frames are " + source.channels() + "x" + source.height() + "x"
                    + source.width() + " but the model expects " + model.spec().channels() + "x"
                    + model.spec().height()
                    + "x" + model.spec().width());
        }
        this.model = model;
        this.source = source;
        this.config = config;
        this.sampling = config.sampling();
    }

    @Override
    public NDArray loss(NDManager manager, long step) {
        NDArray clip = source.trainingBatch(step, config.batchSize(), config.clipLength())
                .toArray(manager);
        NDArray mask = sampling.mask(
                manager, config.seed(), step, config.batchSize(), model.spec().inputLength(), config.clipLength());
        if (config.reverseInput()) {
            clip = clip.concat(clip.flip(1), 0);
            mask = mask == null ? null : mask.concat(mask, 0);
        }
        NDArray predicted = model.forward(clip, mask);
        return FrameLoss.of(config.loss(), predicted, clip.get(new NDIndex(":, {}:", model.firstTarget())));
    }
}
