package dev.augur.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A video as a local file for FFmpeg: files on a local or mounted file system are read in place; others (HDFS,
 * object stores) are copied to the executor's temporary folder first and deleted on close.
 */
final class LocalVideo implements AutoCloseable {
    private final Path path;
    private final boolean copied;

    private LocalVideo(Path path, boolean copied) {
        this.path = path;
        this.copied = copied;
    }

    static LocalVideo of(VideoInput video) throws IOException {
        // Hadoop's path strings are not escaped URIs ("file:/tanks/day 1.mp4"): let Hadoop parse them
        URI uri = new org.apache.hadoop.fs.Path(video.uri()).toUri();
        if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
            return new LocalVideo(Path.of(uri.getPath()), false);
        }
        Path local = Files.createTempFile("augur-video-", "-" + video.id());
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = source.getFileSystem(new Configuration());
        fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return new LocalVideo(local, true);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        if (copied) {
            Files.deleteIfExists(path);
        }
    }
}
