package dev.augur.data;

import dev.augur.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recording as a resumed run recognises it: file name, size and SHA-256 of its bytes. The same bytes moved to
 * another folder are the same recording; a file re-encoded, cut or replaced under the same name is not.
 */
public record RecordingIdentity(String name, long bytes, String sha256) {
    public static RecordingIdentity of(Path file) throws IOException {
        return new RecordingIdentity(file.getFileName().toString(), Files.size(file), Sha256.of(file));
    }

    public static List<RecordingIdentity> of(List<Path> files) throws IOException {
        List<RecordingIdentity> out = new ArrayList<>();
        for (Path f : files) {
            out.add(of(f));
        }
        return out;
    }
}
