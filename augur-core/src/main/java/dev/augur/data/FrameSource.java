package dev.augur.data;

import java.io.IOException;

/**
 * Grey frames one at a time, in order: decoded from a video ({@link VideoReader}) or read back from {@link FrameCache}.
 */
public interface FrameSource extends AutoCloseable {
    /** The next frame, or null after the last. */
    VideoReader.GreyFrame next() throws IOException;

    /** Frames passed over to keep up with a live source ({@link RealtimeFrames}); 0 for a source that waits. */
    default long skipped() {
        return 0;
    }

    @Override
    void close() throws IOException;
}
