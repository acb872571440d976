package dev.augur.data;

import java.io.IOException;

/**
 * Grey frames one at a time, in order: decoded from a video ({@link VideoReader}) or read back from {@link FrameCache}.
 */
public interface FrameSource extends AutoCloseable {
    /** The next frame, or null after the last. */
    VideoReader.GreyFrame next() throws IOException;

    @Override
    void close() throws IOException;
}
