package dev.augur.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.augur.engine.AugurEngine;
import dev.augur.eval.ClassificationScores;
import dev.augur.nn.SequenceClassifier;
import dev.augur.train.ModelBundle;
import dev.augur.train.ProgressListener;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BehaviorExperimentTest {
    @TempDir
    Path out;

    @Test
    void aSmallCnnLstmLearnsTheSimulatedBehavioursAndKeepsItsBestModel() throws Exception {
        AugurEngine.cpu();
        MousePairSimulator sim = new MousePairSimulator(MousePairSimulator.Config.standard());
        List<PoseVideo> train = sim.videos("train", 3, 4000, 1);
        List<PoseVideo> val = sim.videos("val", 1, 4000, 2);
        SequenceClassifier.Spec spec = new SequenceClassifier.Spec(
                "cnn_lstm", KeypointFeatures.COUNT, MousePairSimulator.VOCABULARY.size(), 16, 8, 0.1);
        BehaviorExperiment.Settings s = new BehaviorExperiment.Settings(
                spec, 600, 32, 2e-3, 1, 100, 5, BehaviorTraining.Augmentation.seed004(), "other");
        BehaviorExperiment.Result r = BehaviorExperiment.train(train, val, s, out, false, ProgressListener.SILENT);
        float[] losses = r.training().losses();
        assertThat(mean(losses, losses.length - 50, losses.length)).isLessThan(0.75 * mean(losses, 0, 50));
        // seven classes: macro F1 by chance is about 0.1
        assertThat(r.stopping().bestMacroF1()).isGreaterThan(0.2);
        // the bundle holds the best model: scoring it again on the validation videos gives the recorded F1
        try (NDManager m = NDManager.newBaseManager();
                BehaviorModels.Loaded loaded = BehaviorModels.load(out.resolve("model"), m)) {
            BehaviorData data = BehaviorData.of(val, loaded.info().scaler());
            ClassificationScores.Report again = BehaviorPrediction.evaluate(
                    loaded.model(),
                    data,
                    "other",
                    loaded.info().classWeights(),
                    loaded.info().adjustment(),
                    m);
            assertThat(again.macroF1()).isCloseTo(r.stopping().bestMacroF1(), Offset.offset(1e-9));
        }
        assertThat(ModelBundle.read(out.resolve("model"), BehaviorExperiment.TASK)
                        .dir())
                .exists();
    }

    private static double mean(float[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
