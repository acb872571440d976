package dev.augur.behavior;

import dev.augur.eval.ClassificationScores;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code behavior predict} and {@code behavior test} write: frame labels with class probabilities, MABe
 * submission intervals, and the per-class and confusion tables of a scored set.
 */
public final class BehaviorOutputs {
    private BehaviorOutputs() {}

    /** One video's predictions: [T, C] probabilities over {@code vocabulary}. */
    public record Predicted(PoseVideo video, float[] probabilities) {}

    /** {@code video_id,frame,behavior,p_<class>...}: one row per frame. */
    public static void frameLabels(List<Predicted> predictions, List<String> vocabulary, Path csv) throws IOException {
        StringBuilder b = new StringBuilder("video_id,frame,behavior");
        vocabulary.forEach(c -> b.append(",p_").append(c));
        b.append('\n');
        int classes = vocabulary.size();
        for (Predicted p : predictions) {
            int[] labels = BehaviorPrediction.labels(p.probabilities(), classes);
            for (int t = 0; t < labels.length; t++) {
                b.append(p.video().id()).append(',').append(t).append(',').append(vocabulary.get(labels[t]));
                for (int c = 0; c < classes; c++) {
                    b.append(',').append(String.format(Locale.ROOT, "%.4f", p.probabilities()[t * classes + c]));
                }
                b.append('\n');
            }
        }
        AtomicFiles.writeString(csv, b.toString());
    }

    /**
     * MABe submission rows {@code row_id,video_id,agent_id,target_id,action,start_frame,stop_frame}: one per run of
     * frames with the same predicted behaviour, "other" left out (it is the background, not an action);
     * {@code stop_frame} is the first frame after the run; mice are named mouse1, mouse2, … by index.
     */
    public static void submission(List<Predicted> predictions, List<String> vocabulary, String other, Path csv)
            throws IOException {
        StringBuilder b = new StringBuilder("row_id,video_id,agent_id,target_id,action,start_frame,stop_frame\n");
        int row = 0;
        for (Predicted p : predictions) {
            int[] labels = BehaviorPrediction.labels(p.probabilities(), vocabulary.size());
            int start = 0;
            for (int t = 1; t <= labels.length; t++) {
                if (t == labels.length || labels[t] != labels[start]) {
                    String action = vocabulary.get(labels[start]);
                    if (!action.equals(other)) {
                        b.append(String.format(
                                Locale.ROOT,
                                "%d,%s,mouse%d,mouse%d,%s,%d,%d%n",
                                row++,
                                p.video().id(),
                                p.video().agent() + 1,
                                p.video().target() + 1,
                                action,
                                start,
                                t));
                    }
                    start = t;
                }
            }
        }
        AtomicFiles.writeString(csv, b.toString());
    }

    /** {@code class,support,precision,recall,f1,average_precision} plus the macro rows. */
    public static void perClass(ClassificationScores.Report r, Path csv) throws IOException {
        StringBuilder b = new StringBuilder("class,support,precision,recall,f1,average_precision\n");
        for (ClassificationScores.PerClass c : r.classes()) {
            b.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%.4f,%.4f,%.4f,%.4f%n",
                    c.name(),
                    c.support(),
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.averagePrecision()));
        }
        b.append(String.format(Locale.ROOT, "macro,,,,%.4f,%n", r.macroF1()));
        b.append(String.format(Locale.ROOT, "macro_without_other,,,,%.4f,%n", r.macroF1WithoutOther()));
        AtomicFiles.writeString(csv, b.toString());
    }

    /** The confusion matrix: rows true behaviour, columns predicted. */
    public static void confusion(ClassificationScores.Report r, Path csv) throws IOException {
        StringBuilder b = new StringBuilder("true\\predicted");
        r.vocabulary().forEach(c -> b.append(',').append(c));
        b.append('\n');
        for (int i = 0; i < r.vocabulary().size(); i++) {
            b.append(r.vocabulary().get(i));
            for (long n : r.confusion()[i]) {
                b.append(',').append(n);
            }
            b.append('\n');
        }
        AtomicFiles.writeString(csv, b.toString());
    }
}
