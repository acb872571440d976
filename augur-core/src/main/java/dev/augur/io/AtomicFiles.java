package dev.augur.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes files so that a reader sees either the old complete file or the new complete one, never half of
 * either: the bytes go to a temporary file in the same folder, are flushed to disk, then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes whatever {@code body} writes to its stream. */
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Body body) throws IOException {
        if (Files.isDirectory(target)) {
            throw new IOException(target + ": is a folder; a file name is needed here");
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = tempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (var channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A temporary file beside its target, readable by others once renamed (rw-r--r--), unlike the owner-only
     * files {@link Files#createTempFile} makes. Its name carries this process's id, so the next run that writes the
     * same target removes what a killed run left ({@link #removeLeftovers}).
     */
    public static Path tempFile(Path dir, String prefix, String suffix) throws IOException {
        removeLeftovers(dir, prefix);
        String own = prefix + ProcessHandle.current().pid() + "-";
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, own, suffix);
        }
        return Files.createTempFile(
                dir, own, suffix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    }

    /** A temporary folder (rwxr-xr-x) to build a result in before renaming it into place; named as a temp file. */
    public static Path tempDirectory(Path dir, String prefix) throws IOException {
        removeLeftovers(dir, prefix);
        String own = prefix + ProcessHandle.current().pid() + "-";
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempDirectory(dir, own);
        }
        return Files.createTempDirectory(
                dir, own, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    /** A name, not yet taken, to move a folder out of the way under before deleting it; named as a temp file. */
    public static Path asidePath(Path dir, String prefix) throws IOException {
        removeLeftovers(dir, prefix);
        return dir.resolve(prefix + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    /**
     * Deletes the temporary files and folders named {@code prefix}{@code <pid>-…} in {@code dir} whose process is no
     * longer running: what a killed run left. A running process's own are kept. (Process ids are this machine's: two
     * machines writing the same target in one shared folder is not supported.)
     */
    static void removeLeftovers(Path dir, String prefix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : entries) {
                String rest = p.getFileName().toString().substring(prefix.length());
                int dash = rest.indexOf('-');
                if (dash > 0 && rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
                    long pid = Long.parseLong(rest.substring(0, dash));
                    if (ProcessHandle.of(pid).isEmpty()) {
                        stale.add(p);
                    }
                }
            }
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Deletes a folder and everything in it (a temporary or stale one); nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
