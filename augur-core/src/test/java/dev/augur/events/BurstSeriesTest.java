package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstSeriesTest {

    @Test
    void readsTheLabelLayoutWithExtraFeatureColumns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.csv");
        Files.writeString(f, """
                frame,time,motion_energy,label,baseline_probability,speed
                0,0.0,0.001,-1,,2.5
                1,0.0333,0.002,1,0.25,3
                2,0.0667,0.0015,0,0.5,1e-1
                """);
        BurstSeries s = BurstSeries.read(f);
        assertThat(s.length()).isEqualTo(3);
        assertThat(s.labels()).containsExactly(-1, 1, 0);
        assertThat(s.baseline()[0]).isNaN();
        assertThat(s.baseline()[2]).isEqualTo(0.5);
        assertThat(s.inputNames()).containsExactly("motion_energy", "speed");
        assertThat(s.input(1)).containsExactly(2.5, 3, 0.1);
        s.write(dir.resolve("back.csv"));
        BurstSeries back = BurstSeries.read(dir.resolve("back.csv"));
        assertThat(back.energy()).containsExactly(s.energy());
        assertThat(back.input(1)).containsExactly(s.input(1));
        assertThat(back.labels()).containsExactly(s.labels());
    }

    @Test
    void rejectsBrokenFilesNamingLineAndColumn(@TempDir Path dir) throws Exception {
        assertThatThrownBy(
                        () -> BurstSeries.read(write(dir, "frame,time,motion_energy,label\n0,0,0.1,0\n1,0,0.1,1.5\n")))
                .hasMessageContaining("line 3")
                .hasMessageContaining("'label'")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> BurstSeries.read(write(dir, "frame,time,motion_energy\n0,0,0.1\n2,0,0.1\n")))
                .hasMessageContaining("consecutive");
        assertThatThrownBy(() -> BurstSeries.read(write(dir, "frame,time,energy\n0,0,0.1\n1,0,0.1\n")))
                .hasMessageContaining("'motion_energy'");
        assertThatThrownBy(() -> BurstSeries.read(write(dir, "frame,motion_energy\n0,0.1\n1,NaN\n")))
                .hasMessageContaining("line 3")
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> BurstSeries.read(
                        write(dir, "frame,motion_energy,baseline_probability\n0,0.1,0.5\n1,0.1,1.2\n")))
                .hasMessageContaining("baseline_probability");
        assertThatThrownBy(() -> BurstSeries.read(write(dir, "frame,motion_energy\n0,0.1\n1\n")))
                .hasMessageContaining("line 3")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> BurstSeries.read(dir.resolve("none.csv"))).hasMessageContaining("none.csv");
    }

    private static Path write(Path dir, String text) throws Exception {
        Path f = Files.createTempFile(dir, "bad", ".csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void recordingsJoinedEndToEndNeverScoreAWindowAcrossTwo() {
        BurstSeries a = BurstSeries.of(
                "a.csv", 30, new double[] {1, 2, 3, 4}, new int[] {0, 1, 0, 1}, new double[] {0.1, 0.2, 0.3, 0.4});
        BurstSeries b =
                BurstSeries.of("b.csv", 30, new double[] {5, 6, 7, 8, 9}, new int[] {1, 0, 1, 0, 1}, new double[] {
                    0.5, 0.6, 0.7, 0.8, 0.9
                });
        BurstSeries j = BurstSeries.joined(List.of(a, b), 2);
        assertThat(j.length()).isEqualTo(9);
        assertThat(j.source()).isEqualTo("a.csv + b.csv");
        assertThat(j.energy()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        // b's first two frames (the guard) lose their labels and baseline: a window over them would reach into a
        assertThat(j.labels()).containsExactly(0, 1, 0, 1, -1, -1, 1, 0, 1);
        assertThat(j.baseline()[4]).isNaN();
        assertThat(j.baseline()[6]).isEqualTo(0.7);
        assertThat(j.time()[4]).isCloseTo(4 / 30.0, Assertions.within(1e-9));
        assertThat(BurstSeries.joined(List.of(a), 2)).isSameAs(a);
    }
}
