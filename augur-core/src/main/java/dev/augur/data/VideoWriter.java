package dev.augur.data;

import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Writes grey frames ([H·W] in [0, 1]) as a video through JavaCV/FFmpeg, the codec chosen by the file's
 * container: {@code .mp4} H.264 (OpenH264), {@code .avi} MJPEG, {@code .webm} VP9, {@code .mkv} FFV1
 * (lossless). The file appears only when {@link #close} has finished it (written aside, then renamed).
 */
public final class VideoWriter implements AutoCloseable {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final Path target;
    private final Path temp;
    private final FFmpegFrameRecorder recorder;
    private final int width;
    private final int height;
    private final ByteBuffer row;
    private boolean closed;

    private VideoWriter(Path target, Path temp, FFmpegFrameRecorder recorder, int width, int height) {
        this.target = target;
        this.temp = temp;
        this.recorder = recorder;
        this.width = width;
        this.height = height;
        this.row = ByteBuffer.allocateDirect(width * height);
    }

    public static VideoWriter open(Path file, int width, int height, double fps) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = AtomicFiles.tempFile(dir, "." + file.getFileName() + ".", "." + ext);
        FFmpegFrameRecorder r = new FFmpegFrameRecorder(temp.toFile(), width, height, 0);
        r.setFrameRate(fps);
        switch (ext) {
            case "mp4" -> {
                r.setFormat("mp4");
                r.setVideoCodecName("libopenh264");
                r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                r.setVideoBitrate(Math.max(1_000_000, width * height * 120));
                // cap the quantiser: low-contrast motion (the signal motion energy reads) must survive encoding
                r.setVideoOption("qmax", "20");
                r.setVideoOption("rc_mode", "off");
            }
            case "avi" -> {
                r.setFormat("avi");
                r.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
                r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
                r.setVideoQuality(2);
            }
            case "webm" -> {
                r.setFormat("webm");
                r.setVideoCodecName("libvpx-vp9");
                r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
                r.setVideoOption("crf", "20");
                r.setVideoBitrate(0);
                r.setVideoOption("deadline", "realtime");
                r.setVideoOption("cpu-used", "8");
            }
            case "mkv" -> {
                r.setFormat("matroska");
                r.setVideoCodec(avcodec.AV_CODEC_ID_FFV1);
                r.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            }
            default -> {
                Files.deleteIfExists(temp);
                throw new IOException(file + ": unknown video container '." + ext + "' (mp4, avi, webm or mkv)");
            }
        }
        try {
            r.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw new IOException(file + ": cannot start the encoder (" + e.getMessage() + ")", e);
        }
        return new VideoWriter(file, temp, r, width, height);
    }

    public void write(float[] grey) throws IOException {
        if (grey.length != width * height) {
            throw new IllegalArgumentException(
                    "frame has " + grey.length + " pixels, the video is " + width + "x" + height);
        }
        row.clear();
        for (float v : grey) {
            row.put((byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f));
        }
        row.flip();
        try {
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_GRAY8, row);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": encoding failed (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            recorder.stop();
            recorder.release();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (FrameRecorder.Exception e) {
            throw new IOException(target + ": could not finish the video (" + e.getMessage() + ")", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
