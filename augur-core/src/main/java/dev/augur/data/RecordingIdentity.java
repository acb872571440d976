package dev.augur.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A recording as a resumed run recognises it: file name, size and SHA-256 of its bytes. The same bytes moved to
 * another folder are the same recording; a file re-encoded, cut or replaced under the same name is not.
 */
public record RecordingIdentity(String name, long bytes, String sha256) {
    public static RecordingIdentity of(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long n = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r = in.read(buffer); r > 0; r = in.read(buffer)) {
                md.update(buffer, 0, r);
                n += r;
            }
        }
        return new RecordingIdentity(
                file.getFileName().toString(), n, HexFormat.of().formatHex(md.digest()));
    }

    public static List<RecordingIdentity> of(List<Path> files) throws IOException {
        List<RecordingIdentity> out = new ArrayList<>();
        for (Path f : files) {
            out.add(of(f));
        }
        return out;
    }
}
