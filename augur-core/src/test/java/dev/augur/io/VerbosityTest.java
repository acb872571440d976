package dev.augur.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VerbosityTest {
    private final PrintStream stderr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setErr(stderr);
        Verbosity.configure("augur", false);
    }

    private String logBothLevels(boolean verbose) {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Verbosity.configure("augur", verbose); // the console handler takes System.err as it is now
        System.Logger log = System.getLogger("dev.augur.ffmpeg");
        log.log(Level.DEBUG, "Invalid NAL unit size");
        log.log(Level.WARNING, "used as it decoded");
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warningsOnlyByDefaultOneLineEach() {
        assertThat(logBothLevels(false).lines()).containsExactly("augur: warning: used as it decoded");
        assertThat(Verbosity.verbose()).isFalse();
    }

    @Test
    void verboseShowsEverythingNamedByItsSource() {
        assertThat(logBothLevels(true).lines())
                .containsExactly("augur: ffmpeg: Invalid NAL unit size", "augur: warning: used as it decoded");
        assertThat(Verbosity.verbose()).isTrue();
    }
}
