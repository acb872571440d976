package dev.augur.io;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What Augur's own log ({@code dev.augur.*} platform loggers, FFmpeg's lines among them) prints on standard error:
 * warnings by default, one line each ({@code augur: warning: …}); everything with {@code --verbose}, which also
 * lets FFmpeg report its warnings and prints the stack trace of a failure.
 */
public final class Verbosity {
    private static final Logger AUGUR = Logger.getLogger("dev.augur");
    private static volatile boolean verbose;

    private Verbosity() {}

    /** Sends Augur's log to standard error as one line per record, prefixed with {@code program}. */
    public static synchronized void configure(String program, boolean verbose) {
        Verbosity.verbose = verbose;
        for (Handler h : AUGUR.getHandlers()) {
            AUGUR.removeHandler(h);
        }
        Handler console = new ConsoleHandler();
        console.setFormatter(new OneLine(program));
        Level level = verbose ? Level.ALL : Level.WARNING;
        console.setLevel(level);
        AUGUR.setLevel(level);
        AUGUR.addHandler(console);
        AUGUR.setUseParentHandlers(false);
    }

    /** Whether the user asked for everything ({@code --verbose}). */
    public static boolean verbose() {
        return verbose;
    }

    private static final class OneLine extends Formatter {
        private final String program;

        OneLine(String program) {
            this.program = program;
        }

        @Override
        public String format(LogRecord r) {
            String level = r.getLevel().intValue() >= Level.WARNING.intValue()
                    ? r.getLevel().getName().toLowerCase(Locale.ROOT)
                    : r.getLoggerName().replaceFirst("^dev\\.augur\\.", "");
            return program + ": " + level + ": " + formatMessage(r) + System.lineSeparator();
        }
    }
}
