package dev.augur.cli;

import dev.augur.data.VideoReader;
import dev.augur.io.Flags;
import dev.augur.train.ModelBundle;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code augur <task> <verb>}: the command line only parses arguments and calls the library. */
@Command(
        name = "augur",
        mixinStandardHelpOptions = true,
        versionProvider = Augur.Version.class,
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
    /** The version bundles record (one number for the program and the files it writes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"augur " + ModelBundle.AUGUR_VERSION};
        }
    }

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
        return Flags.commandLine(new Augur(), "augur");
    }
}
