package dev.augur.events;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.augur.data.VideoReader;
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
        try {
            bundle.loadWeights(model.weights());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        return new BurstForecaster(model, info, manager);
    }

    public double threshold() {
        return info.alertThreshold();
    }

    /** Reader options the model expects: 120×160 at 30 fps, downscaled by the bundle's factor here. */
    public static VideoReader.Options readerOptions() {
        return VideoReader.Options.seed000();
    }

    /** Forecasts every frame of {@code video}; alerts when the probability reaches {@code threshold}. */
    public int run(VideoReader video, double threshold, Sink sink) throws IOException {
        return model.spec().stateful() ? runCarried(video, threshold, sink) : runWindowed(video, threshold, sink);
    }

    /**
     * The stateful variant: one recurrent step every k frames, whatever the training window, so the cost per
     * frame stays constant; each frame reports the latest step's probability.
     */
    private int runCarried(VideoReader video, double threshold, Sink sink) throws IOException {
        BurstClassifier.Spec spec = model.spec();
        int k = spec.framesPerStep();
        int plane = spec.height() * spec.width();
        float[] step = new float[k * plane];
        VideoReader.Options o = readerOptions();
        NDManager held = manager.newSubManager();
        dev.augur.nn.CellStack.State state = null;
        double p = Double.NaN;
        int n = 0;
        try {
            VideoReader.GreyFrame f;
            while ((f = video.next()) != null) {
                byte[] small = BurstData.downscale(f.pixels(), o.height(), o.width(), info.settings().factor());
                for (int i = 0; i < plane; i++) {
                    step[(n % k) * plane + i] = (small[i] & 0xFF) / 255f;
                }
                n++;
                if (n % k == 0) {
                    NDManager fresh = manager.newSubManager();
                    BurstClassifier.Carried c = model.advance(
                            fresh.create(step, new Shape(1, k, spec.height(), spec.width())), state, fresh);
                    held.close();
                    held = fresh;
                    state = c.state();
                    p = 1 / (1 + Math.exp(-c.logit()));
                }
                sink.accept(new Forecast(f.index(), f.time(), p, info.platt().apply(p), !Double.isNaN(p) && p >= threshold));
            }
        } finally {
            held.close();
        }
        return n;
    }

    private int runWindowed(VideoReader video, double threshold, Sink sink) throws IOException {
        BurstClassifier.Spec spec = model.spec();
        int factor = info.settings().factor();
        VideoReader.Options o = readerOptions();
        int window = spec.window();
        int plane = spec.height() * spec.width();
        byte[][] ring = new byte[window][];
        float[] input = new float[window * plane];
        int n = 0;
        VideoReader.GreyFrame f;
        while ((f = video.next()) != null) {
            ring[n % window] = BurstData.downscale(f.pixels(), o.height(), o.width(), factor);
            n++;
            double p = Double.NaN;
            if (n >= window) {
                for (int k = 0; k < window; k++) {
                    byte[] src = ring[(n - window + k) % window];
                    for (int i = 0; i < plane; i++) {
                        input[k * plane + i] = (src[i] & 0xFF) / 255f;
                    }
                }
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.create(input, new Shape(1, window, spec.height(), spec.width()));
                    p = 1 / (1 + Math.exp(-model.logits(x, false).getFloat(0)));
                }
            }
            sink.accept(new Forecast(f.index(), f.time(), p, info.platt().apply(p), !Double.isNaN(p) && p >= threshold));
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
