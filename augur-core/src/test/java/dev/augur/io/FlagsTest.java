package dev.augur.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class FlagsTest {
    @Command(name = "train")
    static final class Train implements Runnable {
        @FlagRange(min = 1, max = 10_000)
        @Option(names = "--stride", defaultValue = "3")
        int stride;

        @FlagRange(min = 0, minExcluded = true, max = 1)
        @Option(names = "--lr", split = ",")
        List<Double> lr;

        @FlagRange(min = 0)
        @Option(names = "--seconds")
        double seconds;

        @Option(names = "--out")
        java.nio.file.Path out;

        boolean ran;

        @Override
        public void run() {
            ran = true;
        }
    }

    @Command(name = "careless")
    static final class Careless implements Runnable {
        @Option(names = "--steps")
        int steps;

        @Override
        public void run() {}
    }

    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cl = Flags.commandLine(command, "augur");
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aValueOutOfRangeIsRefusedBeforeTheCommandRunsWithOneWording() {
        Train t = new Train();
        assertThat(run(t, "--stride", "0")).isEqualTo(2);
        assertThat(t.ran).isFalse();
        assertThat(err.toString())
                .startsWith("train: --stride must be >= 1 and <= 10000, got 0\n")
                .contains("Try 'train --help'");
    }

    @Test
    void everyElementOfAListIsChecked() {
        assertThat(run(new Train(), "--lr", "0.1,0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("train: --lr must be > 0 and <= 1, got 0\n");
    }

    @Test
    void notANumberAndNonFiniteValuesAreRefused() {
        assertThat(run(new Train(), "--stride", "2.5")).isEqualTo(2);
        assertThat(run(new Train(), "--seconds", "Infinity")).isEqualTo(2);
        assertThat(run(new Train(), "--seconds", "NaN")).isEqualTo(2);
        assertThat(err.toString())
                .contains("--stride must be a whole number, got '2.5'")
                .contains("--seconds must be a finite number, got Infinity")
                .contains("--seconds must be a finite number, got NaN");
    }

    @Test
    void valuesInRangeAndDefaultsPass() {
        Train t = new Train();
        assertThat(run(t, "--stride", "10000", "--lr", "1,0.5", "--seconds", "0"))
                .as(err::toString)
                .isZero();
        assertThat(t.ran).isTrue();
        assertThat(t.stride).isEqualTo(10000);
        assertThat(t.lr).containsExactly(1.0, 0.5);
        Train defaults = new Train();
        assertThat(run(defaults)).isZero();
        assertThat(defaults.stride).isEqualTo(3);
    }

    @Test
    void emptyAndKernelPathsAreRefused() {
        assertThat(run(new Train(), "--out", "")).isEqualTo(2);
        assertThat(run(new Train(), "--out", "/proc/self/x")).isEqualTo(2);
        assertThat(err.toString()).contains("empty path").contains("inside /proc");
    }

    @Test
    void aNumericOptionWithoutARangeIsAProgrammingError() {
        assertThatThrownBy(() -> Flags.commandLine(new Careless(), "augur"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("careless --steps is numeric but declares no @FlagRange");
    }
}
