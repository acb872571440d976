package dev.augur.cli;

import dev.augur.video.BallsDemo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job. Until the fish forecaster lands it is seed 001's bouncing-balls comparison. */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Run the main demonstration end to end (currently: augur demo balls) into runs/demo-balls.")
final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--out", defaultValue = "runs/demo-balls", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        engine.start();
        return DemoCommand.runDemo(out, BallsDemo.Settings.quick());
    }
}
