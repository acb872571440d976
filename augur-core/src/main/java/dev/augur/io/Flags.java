package dev.augur.io;

import java.io.PrintWriter;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * How every Augur command line reads its arguments: each numeric option checked against its {@link FlagRange} as it
 * is parsed (one wording: {@code --stride must be >= 1, got 0}), paths that may not be empty or inside the kernel's
 * folders, a wrong argument answered with one line and a pointer to {@code --help}, and a failure with one line from
 * {@link Failures}.
 */
public final class Flags {
    private Flags() {}

    /** The command line of {@code command} (with its subcommands), configured as above. */
    public static CommandLine commandLine(Object command, String program) {
        CommandLine cl = new CommandLine(command);
        cl.registerConverter(Path.class, Flags::path);
        checkRanges(cl);
        Verbosity.configure(program, false);
        cl.getCommandSpec().addOption(verbose(program));
        cl.setExecutionExceptionHandler((e, line, parsed) -> Failures.report(line.getErr(), program, e));
        cl.setParameterExceptionHandler(Flags::reportWrongArgument);
        return cl;
    }

    /** {@code --verbose}, on every command: the whole log, FFmpeg's warnings and a failure's stack trace. */
    private static OptionSpec verbose(String program) {
        return OptionSpec.builder("--verbose")
                .type(boolean.class)
                .arity("0")
                .scopeType(CommandLine.ScopeType.INHERIT)
                .description("print Augur's and FFmpeg's whole log and the stack trace of a failure")
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        Verbosity.configure(program, Boolean.TRUE.equals(value));
                        return null;
                    }
                })
                .build();
    }

    /** The problem and where to read about the flags; exit code 2 (a usage error, as picocli and POSIX tools). */
    private static int reportWrongArgument(CommandLine.ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        String problem = e.getCause() instanceof OutOfRange r ? r.getMessage() : e.getMessage();
        err.println(line.getCommandSpec().qualifiedName() + ": " + problem);
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for the options.");
        }
        err.flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static Path path(String s) {
        if (s.isBlank()) {
            throw new TypeConversionException("an empty path is not allowed (it would mean the current folder)");
        }
        Path p = Path.of(s);
        Path absolute = p.toAbsolutePath().normalize();
        if (absolute.startsWith("/proc") || absolute.startsWith("/sys")) {
            throw new TypeConversionException(
                    "'" + s + "' is inside /" + absolute.subpath(0, 1) + ", the kernel's view, not a place for files");
        }
        return p;
    }

    /** Gives every numeric option a converter that checks its range; options keep their order in the help. */
    private static void checkRanges(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        List<ArgSpec> args = new ArrayList<>(spec.args());
        boolean numeric = args.stream().anyMatch(a -> numberType(a) != null);
        if (numeric) {
            args.forEach(spec::remove);
            for (ArgSpec a : args) {
                ArgSpec checked = withRange(spec, a);
                if (checked instanceof OptionSpec o) {
                    spec.addOption(o);
                } else {
                    spec.addPositional((PositionalParamSpec) checked);
                }
            }
        }
        cl.getSubcommands().values().forEach(Flags::checkRanges);
    }

    private static ArgSpec withRange(CommandSpec spec, ArgSpec a) {
        Class<?> type = numberType(a);
        if (type == null) {
            return a;
        }
        String name = a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
        FlagRange range = a.userObject() instanceof AnnotatedElement e ? e.getAnnotation(FlagRange.class) : null;
        if (range == null) {
            throw new IllegalStateException(
                    spec.qualifiedName() + " " + name + " is numeric but declares no @FlagRange");
        }
        CommandLine.ITypeConverter<?> converter = s -> parse(name, range, type, s);
        return a instanceof OptionSpec o
                ? o.toBuilder().converters(converter).build()
                : ((PositionalParamSpec) a).toBuilder().converters(converter).build();
    }

    /** The numeric type of an argument's values (the element type of a list), or null. */
    private static Class<?> numberType(ArgSpec a) {
        Class<?> t = a.isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
        t = t == int.class ? Integer.class : t == long.class ? Long.class : t == double.class ? Double.class : t;
        t = t == float.class ? Float.class : t;
        return t == Integer.class || t == Long.class || t == Double.class || t == Float.class ? t : null;
    }

    /** Parses {@code s} as {@code type}, in {@code range}; the one wording of a value that is not. */
    static Number parse(String name, FlagRange range, Class<?> type, String s) {
        boolean whole = type == Integer.class || type == Long.class;
        Number n;
        try {
            n = number(type, s.strip());
        } catch (NumberFormatException e) {
            throw new OutOfRange(name + " must be " + (whole ? "a whole number" : "a number") + ", got '" + s + "'");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw new OutOfRange(name + " must be a finite number, got " + s);
        }
        boolean below = range.minExcluded() ? v <= range.min() : v < range.min();
        if (below || v > range.max()) {
            throw new OutOfRange(name + " must be " + bounds(range) + ", got " + s);
        }
        return n;
    }

    // if-statements, not a conditional expression: that would unbox and widen every branch to double
    private static Number number(Class<?> type, String s) {
        if (type == Integer.class) {
            return Integer.valueOf(s);
        }
        if (type == Long.class) {
            return Long.valueOf(s);
        }
        return type == Float.class ? (Number) Float.valueOf(s) : (Number) Double.valueOf(s);
    }

    private static String bounds(FlagRange r) {
        String low = (r.minExcluded() ? "> " : ">= ") + number(r.min());
        if (r.min() == Double.NEGATIVE_INFINITY) {
            return "<= " + number(r.max());
        }
        return r.max() >= Integer.MAX_VALUE ? low : low + " and <= " + number(r.max());
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** A value outside its option's range: its message names the option, so it is printed as it is. */
    static final class OutOfRange extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        OutOfRange(String message) {
            super(message);
        }
    }
}
