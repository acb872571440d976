package dev.augur.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.report.FrameImages;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by NumPy itself (src/test/resources/sequences), a PNG folder, and broken inputs. */
class SequenceFilesTest {
    private static NDManager manager;

    @BeforeAll
    static void start() {
        AugurEngine.cpu();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    static Path resource(String name) throws Exception {
        return Path.of(SequenceFilesTest.class.getResource("/sequences/" + name).toURI());
    }

    @Test
    void readsUint8FramesAsUnitInterval() throws Exception {
        Clips c = SequenceFiles.read(manager, resource("frames_uint8_THW.npy"));
        assertThat(c.length()).isEqualTo(6);
        assertThat(c.channels()).isEqualTo(1);
        assertThat(c.height()).isEqualTo(8);
        for (float v : c.data()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void readsTheFirstSequenceOfTheMnistTestSeqLayout() throws Exception {
        Clips c = SequenceFiles.read(manager, resource("mnist_layout_TNHW.npy"));
        assertThat(c.length()).isEqualTo(5);
        assertThat(c.channels()).isEqualTo(1);
        assertThat(c.height()).isEqualTo(8);
    }

    @Test
    void anyClipOfAManyClipNpzIsReadWithTheCount(@TempDir Path dir) throws Exception {
        float[] values = new float[4 * 6 * 16];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 97) / 96f;
        }
        Clips four = new Clips(values, 4, 6, 1, 4, 4);
        Path npz = dir.resolve("four.npz");
        PredRnnNpz.write(npz, four, 3, manager);
        SequenceFiles.Sequence third = SequenceFiles.read(manager, npz, 2);
        assertThat(third.count()).isEqualTo(4);
        assertThat(third.index()).isEqualTo(2);
        assertThat(third.frames().data()).isEqualTo(four.sequences(2, 3).data());
        assertThatThrownBy(() -> SequenceFiles.read(manager, npz, 4))
                .hasMessageContaining("four.npz: holds 4 sequences; there is no sequence 5");
        assertThatThrownBy(() -> SequenceFiles.read(manager, resource("frames_uint8_THW.npy"), 1))
                .hasMessageContaining("holds 1 sequence; there is no sequence 2");
    }

    @Test
    void readsTheFirstClipOfAPredRnnNpz() throws Exception {
        Clips c = SequenceFiles.read(manager, resource("predrnn_layout.npz"));
        Clips expected = SequenceFiles.read(manager, resource("predrnn_first_clip_expected.npy"));
        assertThat(c.length()).isEqualTo(7);
        assertThat(c.data()).isEqualTo(expected.data());
    }

    @Test
    void readsAFolderOfPngFrames(@TempDir Path dir) throws Exception {
        Clips source = SequenceFiles.read(manager, resource("frames_float_TCHW.npy"));
        for (int t = 0; t < source.length(); t++) {
            FrameImages.writePng(
                    FrameImages.image(source.data(), t * 64, 1, 8, 8, 1), dir.resolve(String.format("f%02d.png", t)));
        }
        Clips c = SequenceFiles.read(manager, dir);
        assertThat(c.length()).isEqualTo(7);
        for (int i = 0; i < c.data().length; i++) {
            assertThat(c.data()[i]).isCloseTo(source.data()[i], Offset.offset(1f / 255 + 1e-6f));
        }
    }

    @Test
    void brokenInputsGetErrorsNamingTheFile(@TempDir Path dir) throws Exception {
        for (String bad :
                new String[] {"frames_with_nan.npy", "frames_rank2.npy", "frames_out_of_range.npy", "truncated.npz"}) {
            Path p = resource(bad);
            assertThatThrownBy(() -> SequenceFiles.read(manager, p)).as(bad).hasMessageContaining(p.toString());
        }
        Path png = dir.resolve("frames");
        Files.createDirectories(png);
        Files.write(png.resolve("a.png"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SequenceFiles.read(manager, png)).hasMessageContaining("a.png");
        assertThatThrownBy(() -> SequenceFiles.read(manager, dir.resolve("missing.npy")))
                .hasMessageContaining("missing.npy");
        assertThatThrownBy(() -> SequenceFiles.read(manager, resource("frames_with_nan.npy")))
                .hasMessageContaining("NaN");
    }
}
