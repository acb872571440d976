package dev.augur.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationScoresTest {

    @Test
    void f1MacroAndConfusionMatchAHandCount() {
        // classes a, b, other; 6 frames
        int[] labels = {0, 0, 1, 2, 2, 1};
        float[] p = {
            0.7f, 0.2f, 0.1f, // a -> a
            0.2f, 0.5f, 0.3f, // a -> b
            0.1f, 0.8f, 0.1f, // b -> b
            0.1f, 0.1f, 0.8f, // other -> other
            0.6f, 0.1f, 0.3f, // other -> a
            0.1f, 0.3f, 0.6f
        }; // b -> other
        boolean[] all = new boolean[18];
        Arrays.fill(all, true);
        ClassificationScores.Report r = ClassificationScores.of(List.of("a", "b", "other"), labels, p, all, "other");
        // a: tp 1, fp 1, fn 1 -> F1 0.5; b: tp 1, fp 1, fn 1 -> 0.5; other: tp 1, fp 1, fn 1 -> 0.5
        assertThat(r.classes().get(0).f1()).isEqualTo(0.5);
        assertThat(r.macroF1()).isEqualTo(0.5);
        assertThat(r.macroF1WithoutOther()).isEqualTo(0.5);
        assertThat(r.accuracy()).isCloseTo(3.0 / 6, offset(1e-12));
        assertThat(r.confusion()[0]).containsExactly(1, 1, 0);
        assertThat(r.confusion()[2]).containsExactly(1, 0, 1);
        // AP of class a: scores of a-frames 0.7, 0.2 among 0.7,0.2,0.1,0.1,0.6,0.1 -> ranks 1 and 3: (1 + 2/3) / 2
        assertThat(r.classes().get(0).averagePrecision()).isCloseTo((1 + 2.0 / 3) / 2, offset(1e-9));
    }

    @Test
    void aBehaviourTheVideoDidNotLabelIsNeitherPredictedNorCounted() {
        int[] labels = {0, 1};
        float[] p = {0.2f, 0.1f, 0.9f, 0.2f, 0.7f, 0.1f};
        // frame 0's video did not label class 2: the argmax skips it (-> class 0) and class 2 gets no false positive
        boolean[] allowed = {true, true, false, true, true, true};
        ClassificationScores.Report r = ClassificationScores.of(List.of("a", "b", "c"), labels, p, allowed, null);
        assertThat(r.confusion()[0]).containsExactly(1, 0, 0);
        assertThat(r.classes().get(2).support()).isZero();
        assertThat(r.classes().get(2).f1()).isNaN();
        assertThat(r.macroF1()).isEqualTo(1.0);
    }
}
