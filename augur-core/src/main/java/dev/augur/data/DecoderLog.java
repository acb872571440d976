package dev.augur.data;

import dev.augur.io.Verbosity;
import java.lang.System.Logger.Level;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;

/**
 * FFmpeg's own log, taken off the terminal: its lines go to the JDK's platform logger ({@code dev.augur.ffmpeg},
 * printed with {@code --verbose}), and its errors are counted so that a reader can tell a damaged file from a whole
 * one — FFmpeg conceals a corrupt frame and carries on, so the count is the only sign.
 *
 * <p>FFmpeg's callback does not say which decoder spoke, so errors are counted per thread: a file is decoded
 * single-threaded on the thread that reads it ({@link VideoReader}), and readers working at the same time in one
 * JVM (Spark's tasks) never see each other's errors.
 */
final class DecoderLog {
    private static final System.Logger LOG = System.getLogger("dev.augur.ffmpeg");
    private static final ThreadLocal<long[]> ERRORS = ThreadLocal.withInitial(() -> new long[1]);
    private static final ThreadLocal<String[]> LAST_ERROR = ThreadLocal.withInitial(() -> new String[] {""});
    private static final Pattern CONTEXT = Pattern.compile("^\\[[^\\]]* @ 0x[0-9a-f]+\\]\\s*");
    private static Callback callback;

    private DecoderLog() {}

    /** Routes FFmpeg's log here (once per process). */
    static synchronized void install() {
        if (callback == null) {
            callback = new Callback(); // kept in a field: the native side holds only a pointer to it
            // FFmpeg formats nothing below this level: its warnings only when the user asked for them
            avutil.av_log_set_level(Verbosity.verbose() ? avutil.AV_LOG_WARNING : avutil.AV_LOG_ERROR);
            avutil.setLogCallback(callback);
        }
    }

    /** Errors FFmpeg has reported on this thread. */
    static long errors() {
        return ERRORS.get()[0];
    }

    /** The most recent error line FFmpeg reported on this thread, trimmed. */
    static String lastError() {
        return LAST_ERROR.get()[0];
    }

    private static final class Callback extends LogCallback {
        // FFmpeg may hand over one line in pieces ("Error at MB: ", "3167\n"): a line is kept until its end
        private final ThreadLocal<StringBuilder> line = ThreadLocal.withInitial(StringBuilder::new);
        private final ThreadLocal<int[]> lineLevel = ThreadLocal.withInitial(() -> new int[] {Integer.MAX_VALUE});

        @Override
        public void call(int level, BytePointer message) {
            String piece = message.getString();
            StringBuilder b = line.get();
            b.append(piece);
            int[] worst = lineLevel.get();
            worst[0] = Math.min(worst[0], level);
            if (piece.endsWith("\n")) {
                emit(worst[0], b.toString());
                b.setLength(0);
                worst[0] = Integer.MAX_VALUE;
            }
        }

        private static void emit(int level, String whole) {
            // without the context FFmpeg prefixes (its component and an address: "[mov,mp4,… @ 0x7f…] ")
            String text = CONTEXT.matcher(whole.strip()).replaceFirst("");
            if (level <= avutil.AV_LOG_ERROR) {
                ERRORS.get()[0]++;
                LAST_ERROR.get()[0] = text;
            }
            LOG.log(level <= avutil.AV_LOG_ERROR ? Level.DEBUG : Level.TRACE, text);
        }
    }
}
