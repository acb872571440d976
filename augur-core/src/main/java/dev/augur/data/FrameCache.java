package dev.augur.data;

import dev.augur.io.AtomicFiles;
import dev.augur.io.Sha256;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Decoded frames kept on disk so that a second run over the same video does not decode it again. One folder per
 * (video path, size, modification time, reader options) under the cache root, holding chunks of 256 frames as
 * deflate-compressed 8-bit pixels and a {@code complete} marker written last: a cache interrupted half-way is
 * ignored and rebuilt. Frames read back are bit-identical to decoding (the decoder's pixels are 8-bit) except with
 * a region of interest, whose box-averaged pixels are stored rounded to 8 bits.
 *
 * <p>The root is {@code $AUGUR_CACHE} (default {@code ~/.cache/augur/frames}); {@code AUGUR_CACHE=off} disables it.
 */
public final class FrameCache {
    private static final int CHUNK = 256;

    private FrameCache() {}

    /** The cache root, or null when caching is off. */
    public static Path root() {
        String env = System.getenv("AUGUR_CACHE");
        if ("off".equalsIgnoreCase(env)) {
            return null;
        }
        return env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "augur", "frames");
    }

    /** Frames of {@code video} as {@link VideoReader} would give them, from the cache when it is complete. */
    public static FrameSource open(Path video, VideoReader.Options options) throws IOException {
        if (Files.isDirectory(video)) {
            return ImageFolderVideo.open(video, options); // a folder of frames is read as it is, never cached
        }
        Path root = root();
        return root == null ? VideoReader.open(video, options) : open(video, options, root);
    }

    public static FrameSource open(Path video, VideoReader.Options options, Path root) throws IOException {
        Path dir = root.resolve(key(video, options));
        if (Files.isRegularFile(dir.resolve("complete"))) {
            try {
                return new Cached(dir, options);
            } catch (IOException damaged) {
                // fall through: decode again and rewrite the cache
            }
        }
        return new Recording(VideoReader.open(video, options), dir, options);
    }

    static String key(Path video, VideoReader.Options o) throws IOException {
        BasicFileAttributes a = Files.readAttributes(video, BasicFileAttributes.class);
        String id = String.format(
                Locale.ROOT,
                "%s|%d|%d|%dx%d@%.6f|%s",
                video.toAbsolutePath().normalize(),
                a.size(),
                a.lastModifiedTime().toMillis(),
                o.width(),
                o.height(),
                o.fps(),
                o.roi());
        return Sha256.of(id.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }

    /** Decodes and writes chunks as it goes; the marker is written only when the video was read to its end. */
    private static final class Recording implements FrameSource {
        private final VideoReader reader;
        private final Path dir;
        private final Path tmp;
        private final int pixels;
        private byte[] chunk;
        private int inChunk;
        private int chunks;
        private int frames;
        private boolean finished;
        private boolean failed;

        Recording(VideoReader reader, Path dir, VideoReader.Options o) throws IOException {
            this.reader = reader;
            this.dir = dir;
            this.pixels = o.height() * o.width();
            Files.createDirectories(dir.getParent());
            this.tmp = AtomicFiles.tempDirectory(dir.getParent(), "." + dir.getFileName() + ".");
            this.chunk = new byte[CHUNK * pixels];
        }

        @Override
        public VideoReader.GreyFrame next() throws IOException {
            VideoReader.GreyFrame f;
            try {
                f = reader.next();
            } catch (IOException e) {
                failed = true;
                throw e;
            }
            if (f == null) {
                finish();
                return null;
            }
            float[] p = f.pixels();
            for (int i = 0; i < pixels; i++) {
                chunk[inChunk * pixels + i] = (byte) Math.round(p[i] * 255f);
            }
            frames++;
            if (++inChunk == CHUNK) {
                flush();
            }
            return f;
        }

        private void flush() throws IOException {
            if (inChunk == 0) {
                return;
            }
            try (DeflaterOutputStream out =
                    new DeflaterOutputStream(Files.newOutputStream(tmp.resolve(chunkName(chunks))))) {
                out.write(chunk, 0, inChunk * pixels);
            }
            chunks++;
            inChunk = 0;
        }

        private void finish() throws IOException {
            if (finished || failed) {
                return;
            }
            flush();
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp.resolve("complete")))) {
                out.writeInt(frames);
            }
            AtomicFiles.deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
            if (!finished) {
                AtomicFiles.deleteTree(tmp);
            }
        }
    }

    /** Reads frames back from a complete cache folder. */
    private static final class Cached implements FrameSource {
        private final Path dir;
        private final VideoReader.Options options;
        private final int frames;
        private final int pixels;
        private byte[] chunk;
        private int index;

        Cached(Path dir, VideoReader.Options options) throws IOException {
            this.dir = dir;
            this.options = options;
            this.pixels = options.height() * options.width();
            try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("complete")))) {
                this.frames = in.readInt();
            }
            if (frames < 1) {
                throw new IOException(dir + ": empty frame cache");
            }
        }

        @Override
        public VideoReader.GreyFrame next() throws IOException {
            if (index >= frames) {
                return null;
            }
            if (index % CHUNK == 0) {
                int n = Math.min(CHUNK, frames - index);
                chunk = new byte[n * pixels];
                try (InputStream in =
                        new InflaterInputStream(Files.newInputStream(dir.resolve(chunkName(index / CHUNK))))) {
                    if (in.readNBytes(chunk, 0, chunk.length) != chunk.length) {
                        throw new IOException(
                                dir + ": frame cache chunk " + index / CHUNK + " is truncated; delete the folder");
                    }
                }
            }
            float[] p = new float[pixels];
            int off = (index % CHUNK) * pixels;
            for (int i = 0; i < pixels; i++) {
                p[i] = (chunk[off + i] & 0xFF) / 255f;
            }
            VideoReader.GreyFrame f = new VideoReader.GreyFrame(index, index / options.fps(), p);
            index++;
            return f;
        }

        @Override
        public void close() {
            chunk = null;
        }
    }

    private static String chunkName(int i) {
        return String.format(Locale.ROOT, "chunk-%05d.z", i);
    }
}
