package dev.augur.data;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's own log, taken off the terminal: its lines go to the JDK's platform logger ({@code dev.augur.ffmpeg},
 * silent unless configured), and its errors are counted so that a reader can tell a damaged file from a whole one
 * — FFmpeg conceals a corrupt frame and carries on, so the count is the only sign.
 *
 * <p>The count is process-wide: FFmpeg's callback does not say which decoder spoke. Readers working at the same
 * time in one JVM may see each other's errors; a damaged file is never missed, a whole one may be flagged.
 */
final class DecoderLog {
    private static final System.Logger LOG = System.getLogger("dev.augur.ffmpeg");
    private static final AtomicLong ERRORS = new AtomicLong();
    private static volatile String lastError = "";
    private static Callback callback;

    private DecoderLog() {}

    /** Routes FFmpeg's log here (once per process). */
    static synchronized void install() {
        if (callback == null) {
            callback = new Callback(); // kept in a field: the native side holds only a pointer to it
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            avutil.setLogCallback(callback);
        }
    }

    /** Errors FFmpeg has reported since the process started. */
    static long errors() {
        return ERRORS.get();
    }

    /** The most recent error line, trimmed. */
    static String lastError() {
        return lastError;
    }

    private static final class Callback extends LogCallback {
        @Override
        public void call(int level, BytePointer message) {
            String text = message.getString().strip();
            if (level <= avutil.AV_LOG_ERROR) {
                ERRORS.incrementAndGet();
                lastError = text;
            }
            LOG.log(level <= avutil.AV_LOG_ERROR ? Level.DEBUG : Level.TRACE, text);
        }
    }
}
