package dev.augur.events;

import dev.augur.data.FrameSource;
import dev.augur.data.VideoReader;
import java.io.IOException;
import java.util.Arrays;

/**
 * Seed 000's motion energy: ỹ[t] = mean over pixels of |frame[t+1] − frame[t]| on [0, 1] grey frames, a
 * cheap proxy for the group's mean speed. N frames give N − 1 values.
 */
public final class MotionEnergy {
    private float[] previous;

    /** Feeds one frame; returns the energy between it and the frame before, or NaN for the first frame. */
    public double push(float[] frame) {
        double e = Double.NaN;
        if (previous != null) {
            if (previous.length != frame.length) {
                throw new IllegalArgumentException("frame sizes changed: " + previous.length + " then " + frame.length);
            }
            double sum = 0;
            for (int i = 0; i < frame.length; i++) {
                sum += Math.abs(frame[i] - previous[i]);
            }
            e = sum / frame.length;
        }
        previous = frame.clone();
        return e;
    }

    /** The energy series of a whole video, streamed. */
    public static double[] of(FrameSource video) throws IOException {
        return of(video, f -> {});
    }

    /** Receives each frame as the energy is measured (to keep it in another form, say). */
    public interface FrameSink {
        void accept(VideoReader.GreyFrame frame) throws IOException;
    }

    /** The same, handing every frame to {@code each} too: one pass over a video for both. */
    public static double[] of(FrameSource video, FrameSink each) throws IOException {
        MotionEnergy meter = new MotionEnergy();
        double[] out = new double[1024];
        int n = 0;
        VideoReader.GreyFrame f;
        while ((f = video.next()) != null) {
            double e = meter.push(f.pixels());
            if (!Double.isNaN(e)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = e;
            }
            each.accept(f);
        }
        return Arrays.copyOf(out, n);
    }
}
