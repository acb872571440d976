package dev.augur.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
    /** FIPS 180-2's example "abc", and a file read in chunks over a chunk boundary giving the same digest. */
    @Test
    void matchesTheStandardsExampleForBytesAndFiles(@TempDir Path dir) throws Exception {
        assertThat(Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        byte[] big = new byte[(1 << 20) + 123];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        Path f = Files.write(dir.resolve("big.bin"), big);
        assertThat(Sha256.of(f)).isEqualTo(Sha256.of(big)).hasSize(64);
    }
}
