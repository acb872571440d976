package dev.augur.cli;

import dev.augur.data.VideoReader;
import dev.augur.io.Failures;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code augur <task> <verb>}: the command line only parses arguments and calls the library. */
@Command(
        name = "augur",
        mixinStandardHelpOptions = true,
        version = "augur 0.1.0",
        description = "Spatiotemporal forecasting: video prediction, event forecasting, behaviour classification.",
        footer = {
            "",
            "Video archives on Apache Spark: augur spark prepare|score|summarise|bench (optional module; "
                    + "augur spark --help)."
        },
        subcommands = {
            QuickstartCommand.class,
            DemoCommand.class,
            DataCommand.class,
            VideoCommand.class,
            RunCommand.class,
            BurstsCommand.class,
            BehaviorCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Augur implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Process-wide, like a log level: every video this run reads is read under it. */
    @CommandLine.Option(
            names = "--allow-damaged",
            scope = CommandLine.ScopeType.INHERIT,
            description =
                    "read a truncated or corrupt video up to where it decodes, with a warning, instead of" + " failing")
    void allowDamaged(boolean allow) {
        System.setProperty(VideoReader.ALLOW_DAMAGED, Boolean.toString(allow));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "name a task: quickstart, demo, data, video, run, bursts, behavior or bench");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Augur());
        cl.setExecutionExceptionHandler(Augur::reportFailure);
        // an empty path would mean the current folder: a run's outputs would land among the user's files
        cl.registerConverter(Path.class, s -> {
            if (s.isBlank()) {
                throw new CommandLine.TypeConversionException(
                        "an empty path is not allowed (it would mean the current folder)");
            }
            Path p = Path.of(s);
            Path absolute = p.toAbsolutePath().normalize();
            if (absolute.startsWith("/proc") || absolute.startsWith("/sys")) {
                throw new CommandLine.TypeConversionException("'" + s + "' is inside /" + absolute.subpath(0, 1)
                        + ", the kernel's view, not a place for files");
            }
            return p;
        });
        return cl;
    }

    /** One line naming the file or flag and the problem; exit code 1. */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        return Failures.report(cl.getErr(), "augur", e);
    }
}
