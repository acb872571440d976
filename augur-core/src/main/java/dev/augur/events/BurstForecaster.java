package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.data.FrameInput;
import dev.augur.data.FrameSource;
import dev.augur.data.VideoReader;
import dev.augur.nn.SteppedState;
import dev.augur.train.ModelBundle;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Live forecasting with a saved burst forecaster: frames arrive one at a time (from a file or a stream), the
 * last W frames are kept in a ring, and every frame gets the probability that a burst starts within the
 * horizon — exactly what batch scoring gives for the same frame, since the window is the same bytes.
 */
public final class BurstForecaster implements AutoCloseable {
    private final BurstClassifier model;
    private final BurstExperiment.BurstModel info;
    private final NDManager manager;

    /**
     * One frame's forecast: the model's raw probability (NaN until the first full window), the same after the
     * bundle's Platt calibration, and whether it alerts.
     */
    public record Forecast(int frame, double time, double probability, double calibrated, boolean alert) {}

    /** Receives forecasts as they are made. */
    public interface Sink {
        void accept(Forecast f) throws IOException;
    }

    private BurstForecaster(BurstClassifier model, BurstExperiment.BurstModel info, NDManager manager) {
        this.model = model;
        this.info = info;
        this.manager = manager;
    }

    /** A forecaster around a model in memory; it closes {@code manager}, which must hold the model. */
    public static BurstForecaster of(BurstClassifier model, BurstExperiment.BurstModel info, NDManager manager) {
        return new BurstForecaster(model, info, manager);
    }

    public static BurstForecaster load(Path bundleDir, NDManager parent) throws IOException {
        ModelBundle bundle = ModelBundle.read(bundleDir, BurstExperiment.TASK);
        BurstExperiment.BurstModel info = bundle.section("model", BurstExperiment.BurstModel.class);
        NDManager manager = parent.newSubManager();
        BurstClassifier model = new BurstClassifier(info.settings().model(), manager, 0);
        return new BurstForecaster(model, info, bundle.loadWeights(model.weights(), manager));
    }

    public double threshold() {
        return info.alertThreshold();
    }

    /** Reader options the model expects: 120×160 at 30 fps, downscaled by the bundle's factor here. */
    public static VideoReader.Options readerOptions() {
        return VideoReader.Options.seed000();
    }

    /**
     * The frames named {@code input} ({@link FrameInput}), read as {@link FrameInput.Mode} says, as the model sees
     * them.
     */
    public static FrameSource input(String input, boolean follow, double idleSeconds, boolean realtime)
            throws IOException {
        return FrameInput.open(input, readerOptions(), new FrameInput.Mode(follow, idleSeconds, realtime));
    }

    /** Forecasts every frame of {@code video}; alerts when the probability reaches {@code threshold}. */
    public int run(FrameSource video, double threshold, Sink sink) throws IOException {
        try (Session session = session(threshold)) {
            VideoReader.GreyFrame f;
            while ((f = video.next()) != null) {
                sink.accept(session.next(f));
            }
            return session.frames();
        }
    }

    /**
     * A stream of forecasts fed one frame at a time (pull-style, for callers that pace the frames themselves);
     * several sessions may share one forecaster, one thread each.
     */
    public Session session(double threshold) {
        return model.spec().stateful() ? new CarriedSession(threshold) : new WindowedSession(threshold);
    }

    /** The forecasts of one video or stream, in frame order. */
    public abstract class Session implements AutoCloseable {
        final double threshold;
        final int plane = model.spec().height() * model.spec().width();
        int frames;

        Session(double threshold) {
            this.threshold = threshold;
        }

        /** The forecast for the frame after the ones already fed. */
        public final Forecast next(VideoReader.GreyFrame f) {
            double p = probability(downscale(f));
            frames++;
            return new Forecast(f.index(), f.time(), p, info.platt().apply(p), !Double.isNaN(p) && p >= threshold);
        }

        abstract double probability(byte[] frame);

        public int frames() {
            return frames;
        }

        private byte[] downscale(VideoReader.GreyFrame f) {
            VideoReader.Options o = readerOptions();
            return BurstData.downscale(
                    f.pixels(), o.height(), o.width(), info.settings().factor());
        }

        @Override
        public void close() {}
    }

    /**
     * The stateful variant: one recurrent step every k frames, whatever the training window, so the cost per
     * frame stays constant; each frame reports the latest step's probability.
     */
    private final class CarriedSession extends Session {
        private final int k = model.spec().framesPerStep();
        private final float[] step = new float[k * plane];
        private final SteppedState<BurstClassifier.Carried> carried = new SteppedState<>(manager);
        private double p = Double.NaN;

        CarriedSession(double threshold) {
            super(threshold);
        }

        @Override
        double probability(byte[] frame) {
            for (int i = 0; i < plane; i++) {
                step[(frames % k) * plane + i] = (frame[i] & 0xFF) / 255f;
            }
            if ((frames + 1) % k == 0) {
                BurstClassifier.Spec spec = model.spec();
                float logit = carried.advance((m, before) -> model.advance(
                                m.create(step, new Shape(1, k, spec.height(), spec.width())),
                                before == null ? null : before.state(),
                                m))
                        .logit();
                p = 1 / (1 + Math.exp(-logit));
            }
            return p;
        }

        @Override
        public void close() {
            carried.close();
        }
    }

    private final class WindowedSession extends Session {
        private final int window = model.spec().window();
        private final byte[][] ring = new byte[window][];
        private final float[] input = new float[window * plane];

        WindowedSession(double threshold) {
            super(threshold);
        }

        @Override
        double probability(byte[] frame) {
            int n = frames + 1;
            ring[frames % window] = frame;
            if (n < window) {
                return Double.NaN;
            }
            for (int t = 0; t < window; t++) {
                byte[] src = ring[(n - window + t) % window];
                for (int i = 0; i < plane; i++) {
                    input[t * plane + i] = (src[i] & 0xFF) / 255f;
                }
            }
            BurstClassifier.Spec spec = model.spec();
            try (NDManager m = manager.newSubManager()) {
                NDArray x = m.create(input, new Shape(1, window, spec.height(), spec.width()));
                return 1 / (1 + Math.exp(-model.logits(x, false).getFloat(0)));
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
