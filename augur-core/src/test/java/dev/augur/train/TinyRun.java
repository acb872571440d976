package dev.augur.train;

import ai.djl.ndarray.NDManager;
import dev.augur.data.BouncingBalls;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.FramePredictor;
import dev.augur.nn.ModelSpec;
import dev.augur.video.FramePredictionConfig;
import dev.augur.video.FramePredictionObjective;
import java.nio.file.Path;
import java.util.List;

/**
 * A small, fast ConvLSTM training run on 16×16 bouncing balls, shared by the loop tests; its {@code main}
 * runs it in a child JVM that the resume test kills with SIGKILL.
 */
final class TinyRun {
    static final ModelSpec SPEC = new ModelSpec("convlstm", 1, 16, 16, 2, List.of(8), 3, false, false, false, 3);

    static FramePredictionConfig config(int steps, int checkpointEvery) {
        return new FramePredictionConfig(
                steps, 4, 6, 3e-3, "l1l2", 1.0, ScheduledSampling.linear(1.0, 1.0 / steps), false, 42, checkpointEvery);
    }

    static BouncingBalls data() {
        return new BouncingBalls(new BouncingBalls.Config(16, 1, 1.5, 0.6, false), 7);
    }

    static TrainingLoop.Result train(
            Path checkpoint, int steps, int checkpointEvery, boolean resume, ProgressListener listener)
            throws Exception {
        return train(SPEC, config(steps, checkpointEvery), checkpoint, resume, listener);
    }

    static TrainingLoop.Result train(
            ModelSpec spec, FramePredictionConfig config, Path checkpoint, boolean resume, ProgressListener listener)
            throws Exception {
        AugurEngine.cpu();
        try (NDManager manager = NDManager.newBaseManager();
                FramePredictor model = FramePredictor.create(spec, manager, 42)) {
            TrainingLoop loop = new TrainingLoop(
                    model.weights(),
                    new FramePredictionObjective(model, data(), config),
                    config.loop(),
                    checkpoint,
                    listener);
            return loop.run(resume);
        }
    }

    /** args: checkpoint path, steps, checkpoint interval; prints "step N" after every step. */
    public static void main(String[] args) throws Exception {
        train(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), true, new ProgressListener() {
            @Override
            public void stepped(long step, long total, float loss) {
                System.out.println("step " + step);
                System.out.flush();
            }
        });
    }
}
