package dev.augur.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.augur.data.RadarEchoes;
import dev.augur.engine.AugurEngine;
import dev.augur.nn.ModelSpec;
import dev.augur.train.ProgressListener;
import dev.augur.train.ScheduledSampling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoStudyTest {
    @TempDir
    Path out;

    /** Radar echoes of 16×16, a 2 × 4 E3D-LSTM, {@code steps} steps of batch 2: the grid's mechanics in seconds. */
    private static VideoStudy.Settings tiny(int steps) {
        AugurEngine.cpu();
        VideoData data = VideoData.radar(new RadarEchoes.Config(16, 2, 1.0), 1);
        ModelSpec base = new ModelSpec("e3d_lstm", 1, 16, 16, 4, List.of(4, 4), 3, false, false, true, 3);
        FramePredictionConfig training = new FramePredictionConfig(
                steps, 2, 5, 1e-3, "l1l2:0.5", 0, ScheduledSampling.linear(1, 0.5), false, 1, 10);
        return new VideoStudy.Settings(data, base, training, 2, 6);
    }

    @Test
    void theGridTrainsEveryVariantOnceScoresThemTogetherAndSkipsFinishedOnes() throws Exception {
        VideoStudy.Settings settings = tiny(3);
        List<VideoStudy.Row> rows = new VideoStudy(settings, out).run(name -> ProgressListener.SILENT);
        assertThat(rows)
                .extracting(r -> r.variant().name())
                .containsExactly("3d", "3d-residual", "2d", "2d-residual", "3d-l2", "3d-l1", "3d-finetuned-residual");
        assertThat(rows.get(0).difference().mse().mean()).isZero();
        assertThat(rows.get(6).steps()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("2d/model/model.json"))).contains("e3d_lstm_2d");
        assertThat(Files.readString(out.resolve("3d-finetuned-residual/model/model.json")))
                .contains("\"residual\" : true");
        List<String> table = Files.readAllLines(out.resolve("study.md"));
        assertThat(table).hasSize(2 + 7 + 2);
        assertThat(table.get(table.size() - 1)).startsWith("| blank frames |");
        assertThat(out.resolve("study.png")).exists();

        String seconds = Files.readString(out.resolve("3d/train_seconds.txt"));
        List<VideoStudy.Row> again = new VideoStudy(settings, out).run(name -> ProgressListener.SILENT);
        assertThat(Files.readString(out.resolve("3d/train_seconds.txt")))
                .as("finished variants are not retrained")
                .isEqualTo(seconds);
        assertThat(again.get(3).metrics().mse().mean())
                .isEqualTo(rows.get(3).metrics().mse().mean());
    }

    @Test
    void someRowsOfTheGridRunAloneWithTheBase() throws Exception {
        VideoStudy.Settings settings = tiny(2);
        List<VideoStudy.Row> rows = new VideoStudy(settings, out, VideoStudy.variants(List.of("3d-l2", "3d")))
                .run(name -> ProgressListener.SILENT);
        assertThat(rows).extracting(r -> r.variant().name()).containsExactly("3d", "3d-l2");
        assertThat(out.resolve("2d")).doesNotExist();
        assertThat(Files.readAllLines(out.resolve("study.md"))).hasSize(2 + 2 + 2);

        assertThatThrownBy(() -> VideoStudy.variants(List.of("3d", "4d")))
                .hasMessageContaining("no variant 4d")
                .hasMessageContaining("3d-residual");
        assertThatThrownBy(() -> new VideoStudy(settings, out, VideoStudy.variants(List.of("3d-l2"))))
                .hasMessageContaining("must include the base, 3d");
    }
}
