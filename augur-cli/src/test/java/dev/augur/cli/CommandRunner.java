package dev.augur.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code augur} commands in the test's JVM, collecting what they print on standard error. */
final class CommandRunner {
    private final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Augur.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    String err() {
        return err.toString();
    }

    void clearErr() {
        err.getBuffer().setLength(0);
    }
}
