package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.augur.data.VideoReader;
import dev.augur.train.ModelBundle;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BurstForecasterTest {

    @Test
    void liveForecastEqualsBatchScoringAndReadsStreams(@TempDir Path dir) throws Exception {
        Path video = TinyBurstRun.create(dir, 7);
        BurstExperiment.Settings s = TinyBurstRun.SETTINGS;

        try (NDManager manager = NDManager.newBaseManager();
                BurstForecaster f = BurstForecaster.load(dir.resolve("run/model"), manager)) {
            List<BurstForecaster.Forecast> live = new ArrayList<>();
            try (VideoReader r = VideoReader.open(video, BurstForecaster.readerOptions())) {
                assertThat(f.run(r, f.threshold(), live::add)).isEqualTo(5400);
            }
            assertThat(live).hasSize(5400);
            assertThat(live.get(6).probability()).isNaN();
            assertThat(live.get(7).probability()).isBetween(0.0, 1.0);

            BurstData data = BurstData.read(
                    video,
                    VideoReader.Options.seed000(),
                    4,
                    BurstData.Split.seed000(),
                    BurstRule.seed000(),
                    AlgorithmicBaseline.seed000(),
                    dir);
            int[] ts = data.eligible(BurstData.Block.TEST, 8, 89, 7);
            try (BurstClassifier model = new BurstClassifier(s.model(), manager, 0)) {
                ModelBundle.read(dir.resolve("run/model"), BurstExperiment.TASK).loadWeights(model.weights());
                double[] batch = BurstTraining.score(model, data, ts, manager);
                for (int i = 0; i < ts.length; i++) {
                    assertThat(live.get(ts[i]).probability()).isCloseTo(batch[i], Offset.offset(1e-6));
                    assertThat(live.get(ts[i]).alert())
                            .isEqualTo(live.get(ts[i]).probability() >= f.threshold());
                }
            }

            List<BurstForecaster.Forecast> streamed = new ArrayList<>();
            try (InputStream in = Files.newInputStream(video);
                    VideoReader r = VideoReader.open(in, "pipe", BurstForecaster.readerOptions())) {
                f.run(r, f.threshold(), streamed::add);
            }
            assertThat(streamed).hasSize(5400);
            assertThat(streamed.get(100).probability()).isEqualTo(live.get(100).probability());
        }
    }

    /** The stateful variant: the live session and the batch scorer step the same carried state, frame for frame. */
    @Test
    void aStatefulForecastLiveEqualsItsBatchScoring(@TempDir Path dir) throws Exception {
        Path video = dir.resolve("tank.mkv");
        new FishTankSimulator(FishTankSimulator.Config.standard(), 3).simulate(60, video);
        BurstExperiment.Settings s = new BurstExperiment.Settings(
                new BurstClassifier.Spec(30, 40, 8, 4, 4, 3, true), 4, 1, 2, 1e-3, 1, 1, 1);
        BurstData data = BurstData.read(
                video,
                VideoReader.Options.seed000(),
                4,
                BurstData.Split.seed000(),
                BurstRule.seed000(),
                AlgorithmicBaseline.seed000(),
                dir);
        int[] ts = data.eligible(BurstData.Block.TEST, 8, 89, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDManager held = manager.newSubManager();
            BurstClassifier model = new BurstClassifier(s.model(), held, 2);
            double[] batch = BurstTraining.score(model, data, ts, manager);
            // the batch scorer starts at the test block's first frame; so does this live run
            int start = data.blockStartOf(ts[0]);
            double[] live = new double[data.frameCount()];
            try (BurstForecaster f = BurstForecaster.of(model, new BurstExperiment.BurstModel(s, 0.5, null), held);
                    BurstForecaster.Session session = f.session(0.5);
                    VideoReader r = VideoReader.open(video, BurstForecaster.readerOptions())) {
                VideoReader.GreyFrame frame;
                while ((frame = r.next()) != null) {
                    if (frame.index() >= start) {
                        live[frame.index()] = session.next(
                                        new VideoReader.GreyFrame(frame.index() - start, frame.time(), frame.pixels()))
                                .probability();
                    }
                }
            }
            for (int i = 0; i < ts.length; i++) {
                assertThat(live[ts[i]]).as("frame %d", ts[i]).isCloseTo(batch[i], Offset.offset(1e-6));
            }
            assertThat(ts.length).isGreaterThan(10);
        }
    }
}
