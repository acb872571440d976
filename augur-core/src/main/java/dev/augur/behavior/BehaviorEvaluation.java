package dev.augur.behavior;

import ai.djl.ndarray.NDManager;
import dev.augur.eval.ClassificationScores;
import dev.augur.io.AtomicFiles;
import dev.augur.io.Json;
import dev.augur.report.ConfusionChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code behavior test}: a saved model scored on labelled videos — per-class precision, recall, F1 and AP, macro F1
 * with and without "other", the confusion matrix — with the logit adjustment chosen on validation and without it
 * (seed 004's argmax): {@code metrics.json}, {@code metrics_unadjusted.json}, {@code per_class.csv},
 * {@code confusion.csv} and {@code confusion.png} in {@code dir}.
 */
public final class BehaviorEvaluation {
    private BehaviorEvaluation() {}

    /** The scores with the bundle's logit adjustment, and without. */
    public record Result(
            ClassificationScores.Report adjusted, ClassificationScores.Report unadjusted, double adjustment) {}

    public static Result test(
            BehaviorModels.Loaded loaded, BehaviorData videos, String title, Path dir, NDManager manager)
            throws IOException {
        if (videos.videos().stream().noneMatch(v -> Arrays.stream(v.labels()).anyMatch(l -> l >= 0))) {
            throw new IllegalArgumentException(
                    title + ": no annotated frame to score (behavior predict labels" + " unannotated videos)");
        }
        List<float[]> raw = BehaviorPrediction.probabilities(loaded.model(), videos, manager);
        ClassificationScores.Report r = BehaviorPrediction.scores(
                videos,
                raw.stream().map(p -> loaded.info().adjusted(p)).toList(),
                loaded.info().other());
        ClassificationScores.Report unadjusted =
                BehaviorPrediction.scores(videos, raw, loaded.info().other());
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("metrics.json"), Json.mapper().writeValueAsString(r));
        AtomicFiles.writeString(
                dir.resolve("metrics_unadjusted.json"), Json.mapper().writeValueAsString(unadjusted));
        BehaviorOutputs.perClass(r, dir.resolve("per_class.csv"));
        BehaviorOutputs.confusion(r, dir.resolve("confusion.csv"));
        ConfusionChart.write("Confusion, " + title, r.vocabulary(), r.confusion(), dir.resolve("confusion.png"));
        return new Result(r, unadjusted, loaded.info().adjustment());
    }
}
