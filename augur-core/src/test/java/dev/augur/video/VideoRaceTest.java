package dev.augur.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.augur.data.BouncingBalls;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.ModelSpec;
import dev.augur.nn.TranslatorLayout;
import dev.augur.train.ScheduledSampling;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoRaceTest {

    private static VideoRace.Entrant entrant(String name, ModelSpec spec) {
        return new VideoRace.Entrant(
                name,
                spec,
                seed -> new FramePredictionConfig(
                        1_000_000, 2, 6, 3e-3, "l2", 0, ScheduledSampling.off(), false, seed, 1_000_000));
    }

    /** Each run trains for the budget (scoring stops the clock), is scored along the way, and is kept on a rerun. */
    @Test
    void everyEntrantTrainsForTheSameTimeAndIsScoredAlongTheWay(@TempDir Path dir) throws Exception {
        AugurEngine.cpu();
        VideoData data = VideoData.balls(new BouncingBalls.Config(16, 1, 1.2, 0.5, false), 5);
        List<VideoRace.Entrant> entrants = List.of(
                entrant("convlstm", new ModelSpec("convlstm", 1, 16, 16, 2, List.of(4), 3, false, false, false, 3)),
                entrant(
                        "simvp",
                        new ModelSpec(
                                "simvp",
                                1,
                                16,
                                16,
                                1,
                                List.of(2, 8),
                                3,
                                false,
                                false,
                                false,
                                3,
                                new TranslatorLayout(2, 2, 2))));
        VideoRace.Settings settings = new VideoRace.Settings(Duration.ofSeconds(2), 2, 6, List.of(1L));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<VideoRace.Point> points =
                new VideoRace(data, entrants, settings, dir, new PrintStream(log, true, StandardCharsets.UTF_8)).run(3);

        assertThat(points).hasSize(1 + 2 * 2);
        assertThat(points.get(0).model()).isEqualTo(VideoEvaluation.COPY_LAST_FRAME);
        for (String model : List.of("convlstm", "simvp")) {
            List<VideoRace.Point> curve =
                    points.stream().filter(p -> p.model().equals(model)).toList();
            assertThat(curve).hasSize(2);
            assertThat(curve.get(0).seconds()).isGreaterThanOrEqualTo(1.0);
            assertThat(curve.get(1).seconds()).isGreaterThanOrEqualTo(2.0);
            assertThat(curve.get(1).steps()).isGreaterThan(curve.get(0).steps());
            assertThat(curve.get(1).mse()).isFinite().isPositive();
            assertThat(dir.resolve(model + "-seed1/model/model.json")).exists();
        }
        assertThat(dir.resolve("mse_vs_time.png")).exists();
        assertThat(dir.resolve("ssim_vs_time.png")).exists();
        String table = Files.readString(dir.resolve("race.md"));
        assertThat(table).contains("SimVP (gSTA)").contains("copy last frame").contains("(one seed)");

        List<VideoRace.Point> again =
                new VideoRace(data, entrants, settings, dir, new PrintStream(log, true, StandardCharsets.UTF_8)).run(3);
        // read back from the run folders: the same rows as written (to the CSV's precision)
        assertThat(again.stream().map(VideoRace.Point::csv).toList())
                .isEqualTo(points.stream().map(VideoRace.Point::csv).toList());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("simvp, seed 1: finished before, kept");
    }
}
