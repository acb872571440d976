package dev.augur.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Streams grey frames out of any video FFmpeg decodes (through JavaCV), one at a time — never the whole file —
 * resized to {@code height}×{@code width}, optionally cropped to a region of interest first, and resampled by
 * timestamp to a fixed rate: output frame k shows the decoded frame whose timestamp is nearest to k/fps
 * (timestamps counted from the first frame). Pixels are in [0, 1], rows top to bottom.
 */
public final class VideoReader implements FrameSource {
    static {
        DecoderLog.install();
    }

    /**
     * System property that lets a damaged or truncated file be read up to where it decodes (with a warning)
     * instead of failing; the command line's {@code --allow-damaged} sets it.
     */
    public static final String ALLOW_DAMAGED = "augur.allowDamaged";

    /** Frames a decoder may still hold when its input ends (H.264's largest reorder buffer, with margin). */
    private static final int DECODER_DELAY = 32;

    private static final System.Logger LOG = System.getLogger(VideoReader.class.getName());

    /** Output geometry and rate; {@code roi} (source pixels) may be null for the whole frame. */
    public record Options(int height, int width, double fps, Roi roi) implements Serializable {
        public Options {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("output size must be positive, got " + width + "x" + height);
            }
            if (!(fps > 0) || fps > 1000) {
                throw new IllegalArgumentException("frame rate must be in (0, 1000], got " + fps);
            }
        }

        /** Seed 000's setting: 120×160 at 30 frames/s. */
        public static Options seed000() {
            return new Options(120, 160, 30, null);
        }
    }

    /** A region of interest in source pixels. */
    public record Roi(int x, int y, int width, int height) implements Serializable {
        public Roi {
            if (x < 0 || y < 0 || width < 1 || height < 1) {
                throw new IllegalArgumentException(
                        "invalid region of interest " + x + "," + y + " " + width + "x" + height);
            }
        }
    }

    /** One output frame: its index, its time in seconds (k/fps) and its pixels [H·W]. */
    public record GreyFrame(int index, double time, float[] pixels) {}

    private record Decoded(double time, float[] pixels) {}

    private final String file;
    private final Options options;
    private final FFmpegFrameGrabber grabber;
    private final double sourceInterval;
    private Decoded previous;
    private Decoded current;
    private Long firstTimestamp;
    private boolean ended;
    private int index;
    /** Seconds of video the container declares; 0 for a stream, where there is nothing to check against. */
    private double declaredSeconds;

    /** FFmpeg's errors while this reader decoded, and the last one. */
    private long decodeErrors;

    private String lastDecodeError = "";
    /** For a live source: silence this long ends it with an error; 0 for files and pipes, which end. */
    private double idleSeconds;

    /** Decoded frames so far, and how many there were when a read last waited the idle time (-1: never). */
    private long decodedCount;

    private long silentAt = -1;

    private VideoReader(String file, Options options, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.options = options;
        this.grabber = grabber;
        double rate = grabber.getFrameRate();
        this.sourceInterval = rate > 0 && Double.isFinite(rate) ? 1.0 / rate : 1.0 / options.fps();
    }

    public static VideoReader open(Path file, Options options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such video file");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        // one decoding thread, the caller's: FFmpeg's error log is then counted against this reader alone
        grabber.setVideoOption("threads", "1");
        VideoReader reader = open(grabber, file.toString(), options);
        reader.declaredSeconds = reader.declaredVideoSeconds();
        return reader;
    }

    /**
     * Reads a live source as FFmpeg names it: a network URL ({@code udp://}, {@code tcp://}, {@code rtsp://},
     * {@code srt://}, …) or a capture device ({@code /dev/video0}, through v4l2). Waiting longer than
     * {@code idleSeconds} for data, at the start or later, is an error naming the source: a live source has no
     * end, so silence means it stalled or stopped.
     */
    public static VideoReader openLive(String url, Options options, double idleSeconds) throws IOException {
        if (!(idleSeconds > 0)) {
            throw new IllegalArgumentException("idle seconds must be > 0 for a live source, got " + idleSeconds);
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
        if (url.startsWith("/dev/video")) {
            grabber.setFormat("v4l2");
        }
        long micros = (long) (idleSeconds * 1e6);
        grabber.setOption("rw_timeout", Long.toString(micros)); // every protocol: a read that waits this long fails
        grabber.setOption("timeout", Long.toString(micros)); // udp and rtsp read this one
        grabber.setTimeout((int) Math.min(Integer.MAX_VALUE, Math.round(idleSeconds * 1000)));
        VideoReader reader = open(grabber, url, options);
        reader.idleSeconds = idleSeconds;
        return reader;
    }

    /**
     * Reads a video arriving on a stream (standard input, a pipe, a socket) in a container that can be read
     * front to back (MPEG-TS, Matroska/WebM, AVI, fragmented MP4); {@code name} is used in messages.
     */
    public static VideoReader open(InputStream stream, String name, Options options) throws IOException {
        return open(new FFmpegFrameGrabber(stream, 0), name, options);
    }

    private static VideoReader open(FFmpegFrameGrabber grabber, String file, Options options) throws IOException {
        grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
        if (options.roi() == null) {
            grabber.setImageWidth(options.width());
            grabber.setImageHeight(options.height());
        }
        long errorsBefore = DecoderLog.errors();
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            // FFmpeg's own line says why (JavaCV's message is a function name, an error number and advice for
            // developers)
            String why = DecoderLog.errors() > errorsBefore ? DecoderLog.lastError() : "FFmpeg cannot open it";
            throw new IOException(file + ": not a readable video (" + why + ")", e);
        }
        VideoReader reader = new VideoReader(file, options, grabber);
        try {
            if (grabber.getLengthInVideoFrames() == 0 && grabber.getImageWidth() <= 0) {
                throw new IOException(file + ": has no video stream");
            }
            Roi roi = options.roi();
            if (roi != null
                    && (roi.x() + roi.width() > grabber.getImageWidth()
                            || roi.y() + roi.height() > grabber.getImageHeight())) {
                throw new IOException(file + ": region of interest " + roi + " lies outside the "
                        + grabber.getImageWidth() + "x" + grabber.getImageHeight() + " frame");
            }
            reader.current = reader.decode();
            if (reader.current == null) {
                throw new IOException(file + ": contains no decodable video frames");
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** The file or stream name, as used in messages. */
    public String source() {
        return file;
    }

    /** Frames per second the container declares for the source (0 when it declares none). */
    public double sourceFps() {
        return grabber.getFrameRate();
    }

    /** The next output frame, or null after the last. */
    @Override
    public GreyFrame next() throws IOException {
        double t = index / options.fps();
        while (!ended && current.time() < t) {
            Decoded d = decode();
            if (d == null) {
                ended = true;
                checkWhole();
            } else {
                previous = current;
                current = d;
            }
        }
        if (ended && t >= current.time() + sourceInterval / 2) {
            checkLive(); // after every frame that arrived has been handed out
            return null;
        }
        Decoded pick =
                previous != null && Math.abs(previous.time() - t) <= Math.abs(current.time() - t) ? previous : current;
        return new GreyFrame(index++, t, pick.pixels());
    }

    /**
     * How long the video stream lasts by the container's account: the stream's own duration where the container
     * gives one, else the file's when there is no audio track that could outlast the picture; 0 when unknown.
     */
    private double declaredVideoSeconds() {
        AVFormatContext format = grabber.getFormatContext();
        for (int i = 0; format != null && i < format.nb_streams(); i++) {
            AVStream s = format.streams(i);
            if (s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                if (s.duration() != avutil.AV_NOPTS_VALUE && s.duration() > 0) {
                    return s.duration() * avutil.av_q2d(s.time_base());
                }
                break;
            }
        }
        long micros = grabber.getLengthInTime();
        return grabber.getAudioChannels() == 0 && micros > 0 ? micros / 1e6 : 0;
    }

    /**
     * At the end of a file: did it decode whole? A truncated file ends early (FFmpeg just stops), a corrupt one
     * makes FFmpeg log errors while it conceals the damage; either way the frames would be used as if whole.
     */
    private void checkWhole() throws IOException {
        double decoded = current.time() + sourceInterval;
        double missing = declaredSeconds - decoded;
        long errors = decodeErrors;
        boolean truncated = declaredSeconds > 0 && missing > Math.max(2 * sourceInterval, 0.02 * declaredSeconds);
        if (!truncated && (errors == 0 || declaredSeconds == 0)) {
            return;
        }
        String what = String.format(
                Locale.ROOT,
                "%s: damaged or truncated: decoded %.2f s of the %.2f s its container declares%s",
                file,
                decoded,
                declaredSeconds,
                errors == 0
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "; FFmpeg reported %d decoding error%s (last: %s)",
                                errors,
                                errors == 1 ? "" : "s",
                                lastDecodeError));
        if (!Boolean.getBoolean(ALLOW_DAMAGED)) {
            throw new IOException(what + ". Pass --allow-damaged to use the frames that decode.");
        }
        LOG.log(System.Logger.Level.WARNING, what + "; used as it decoded (--allow-damaged)");
    }

    /**
     * A live source that went quiet for the idle time just before its end has stalled or stopped: say so rather
     * than end as if the video were over. One that ends at once (a TCP sender closing the connection) has ended.
     * The decoder still hands out the frames it holds after the silence, hence the margin.
     */
    private void checkLive() throws IOException {
        if (idleSeconds > 0 && silentAt >= 0 && decodedCount - silentAt <= DECODER_DELAY) {
            throw new IOException(String.format(
                    Locale.ROOT,
                    "%s: no data for %.1f s (--idle-seconds) after %d frames: the stream stalled or stopped",
                    file,
                    idleSeconds,
                    index));
        }
    }

    private Decoded decode() throws IOException {
        Frame frame;
        try {
            long t0 = System.nanoTime();
            long errorsBefore = DecoderLog.errors();
            frame = grabber.grabImage();
            if (DecoderLog.errors() > errorsBefore) {
                decodeErrors += DecoderLog.errors() - errorsBefore;
                lastDecodeError = DecoderLog.lastError();
            }
            if (idleSeconds > 0 && System.nanoTime() - t0 >= 0.9 * idleSeconds * 1e9) {
                silentAt = decodedCount;
            }
            decodedCount++;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new IOException(
                    file + ": decoding failed after " + index + " output frames (" + e.getMessage() + ")", e);
        }
        if (frame == null || frame.image == null) {
            return null;
        }
        if (firstTimestamp == null) {
            firstTimestamp = frame.timestamp;
        }
        double time = (frame.timestamp - firstTimestamp) / 1e6;
        return new Decoded(time, pixels(frame));
    }

    private float[] pixels(Frame frame) {
        ByteBuffer buf = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        Roi roi = options.roi() != null ? options.roi() : new Roi(0, 0, frame.imageWidth, frame.imageHeight);
        if (options.roi() == null && frame.imageWidth == options.width() && frame.imageHeight == options.height()) {
            float[] out = new float[options.height() * options.width()];
            for (int y = 0; y < options.height(); y++) {
                for (int x = 0; x < options.width(); x++) {
                    out[y * options.width() + x] = (buf.get(y * stride + x) & 0xFF) / 255f;
                }
            }
            return out;
        }
        return areaResize(buf, stride, roi, options.height(), options.width());
    }

    /** Box-filter resize of a grey region: each output pixel averages the source pixels it covers. */
    static float[] areaResize(ByteBuffer buf, int stride, Roi roi, int outH, int outW) {
        float[] out = new float[outH * outW];
        double sy = (double) roi.height() / outH;
        double sx = (double) roi.width() / outW;
        for (int oy = 0; oy < outH; oy++) {
            int y0 = (int) Math.floor(oy * sy);
            int y1 = Math.max(y0 + 1, (int) Math.ceil((oy + 1) * sy));
            for (int ox = 0; ox < outW; ox++) {
                int x0 = (int) Math.floor(ox * sx);
                int x1 = Math.max(x0 + 1, (int) Math.ceil((ox + 1) * sx));
                double sum = 0;
                int n = 0;
                for (int y = y0; y < Math.min(y1, roi.height()); y++) {
                    int row = (roi.y() + y) * stride + roi.x();
                    for (int x = x0; x < Math.min(x1, roi.width()); x++) {
                        sum += buf.get(row + x) & 0xFF;
                        n++;
                    }
                }
                out[oy * outW + ox] = (float) (sum / Math.max(1, n) / 255.0);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            grabber.stop();
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            throw new IOException(file + ": could not close (" + e.getMessage() + ")", e);
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.release();
        } catch (Exception ignored) {
            // already failing with a clearer error
        }
    }
}
