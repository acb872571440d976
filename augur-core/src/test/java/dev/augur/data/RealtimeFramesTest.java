package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealtimeFramesTest {
    /** {@code n} one-pixel frames, each after {@code millis}; then the end, or a failure if {@code fail}. */
    private static FrameSource source(int n, long millis, boolean fail) {
        return new FrameSource() {
            private int i;

            @Override
            public VideoReader.GreyFrame next() throws IOException {
                if (i == n) {
                    if (fail) {
                        throw new IOException("camera: the stream stalled or stopped");
                    }
                    return null;
                }
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return new VideoReader.GreyFrame(i, i / 30.0, new float[] {i++});
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void aSlowConsumerStaysWithinTheLagAndEveryDroppedFrameIsCounted() throws Exception {
        List<Integer> taken = new ArrayList<>();
        long skipped;
        try (FrameSource frames = new RealtimeFrames(source(60, 1, false), 3)) {
            VideoReader.GreyFrame f;
            while ((f = frames.next()) != null) {
                taken.add(f.index());
                Thread.sleep(10); // the model is ten times slower than the camera
            }
            skipped = frames.skipped();
        }
        assertThat(taken).isSorted().doesNotHaveDuplicates().contains(57, 58, 59);
        assertThat(skipped).isPositive().isEqualTo(60 - taken.size());
    }

    @Test
    void aFastConsumerGetsEveryFrameInOrder() throws Exception {
        List<Integer> taken = new ArrayList<>();
        try (FrameSource frames = new RealtimeFrames(source(30, 20, false), 3)) {
            VideoReader.GreyFrame f;
            while ((f = frames.next()) != null) {
                taken.add(f.index());
            }
            assertThat(frames.skipped()).isZero();
        }
        assertThat(taken).hasSize(30).isSorted();
    }

    @Test
    void theSourcesFailureReachesTheConsumerAfterItsLastFrame() throws Exception {
        try (FrameSource frames = new RealtimeFrames(source(3, 1, true), 3)) {
            assertThatThrownBy(() -> {
                        while (frames.next() != null) {
                            // drain
                        }
                    })
                    .hasMessageContaining("stalled or stopped");
        }
    }
}
