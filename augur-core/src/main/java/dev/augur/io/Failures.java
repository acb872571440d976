package dev.augur.io;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * How every command line tells a person that something failed: one line with the program's name, the file or flag
 * and the problem in plain words (the stack trace only with {@code --verbose} or {@code AUGUR_DEBUG} set), and exit
 * code 1.
 */
public final class Failures {
    private Failures() {}

    /** Prints {@code e} as one line after {@code program}; returns the exit code. */
    public static int report(PrintWriter err, String program, Throwable e) {
        err.println(program + ": error: " + describe(e));
        if (System.getenv("AUGUR_DEBUG") != null || Verbosity.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /**
     * The failure in plain words: the message of the errors we raise, the file of a missing one, else the exception.
     */
    public static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": " + (n.getReason() != null ? n.getReason() : "no such file");
        }
        // the JDK's file errors carry the path and a reason but no sentence: say what they mean
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + ": a file is in the way (a folder is needed here)";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason().toLowerCase(Locale.ROOT);
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        return e.toString();
    }
}
