package dev.augur.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.augur.io.FlagRange;
import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric option of every command, given a value just outside its range, is refused while the arguments are
 * parsed — before any file is read, any array allocated or any training step run — with the one wording.
 */
class FlagRangeSweepTest {
    private record Case(List<String> command, String option, String value) {}

    @Test
    void everyNumericOptionRefusesValuesOutsideItsRange() {
        List<Case> cases = new ArrayList<>();
        collect(Augur.commandLine(), List.of(), cases);
        assertThat(cases).hasSizeGreaterThan(150);
        for (Case c : cases) {
            List<String> args = new ArrayList<>(c.command());
            args.add(c.option() + "=" + c.value());
            assertThatThrownBy(() -> Augur.commandLine().parseArgs(args.toArray(String[]::new)))
                    .as(String.join(" ", args))
                    .isInstanceOf(CommandLine.ParameterException.class)
                    .rootCause()
                    .hasMessageStartingWith(c.option() + " must be ");
        }
    }

    @Test
    void theRefusalIsOneLineWithExitCodeTwo() {
        CommandRunner augur = new CommandRunner();
        assertThat(augur.run("behavior", "train", "--window", "100000")).isEqualTo(2);
        assertThat(augur.err().lines())
                .containsExactly(
                        "augur behavior train: --window must be >= 1 and <= 1000, got 100000",
                        "Try 'augur behavior train --help' for the options.");
    }

    private static void collect(CommandLine cl, List<String> path, List<Case> cases) {
        for (ArgSpec a : cl.getCommandSpec().options()) {
            FlagRange r = a.userObject() instanceof AnnotatedElement e ? e.getAnnotation(FlagRange.class) : null;
            if (r == null || !(a instanceof OptionSpec o)) {
                continue;
            }
            Class<?> t = a.isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
            boolean whole = t == int.class || t == Integer.class || t == long.class || t == Long.class;
            String name = o.longestName();
            if (r.min() != Double.NEGATIVE_INFINITY) {
                double below = r.minExcluded() ? r.min() : whole ? r.min() - 1 : r.min() - 0.5;
                cases.add(new Case(path, name, whole ? Long.toString((long) below) : Double.toString(below)));
            }
            if (r.max() < Long.MAX_VALUE) {
                cases.add(new Case(
                        path, name, whole ? Long.toString((long) r.max() + 1) : Double.toString(r.max() * 2 + 1)));
            }
            if (!whole) {
                cases.add(new Case(path, name, "NaN"));
            }
        }
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, cases);
            }
        });
    }
}
