package dev.augur.events;

import dev.augur.eval.BinaryMetrics;
import dev.augur.eval.BlockBootstrap;
import dev.augur.eval.Estimate;
import java.util.List;
import java.util.Locale;

/**
 * Model and baseline scored on the same held-out frames: ROC-AUC with moving-block bootstrap intervals, PR-AUC,
 * peak accuracy beside majority-class and balanced accuracy, the Youden threshold with its TPR/FPR, Brier score
 * and a calibration table; and the paired bootstrap interval of their AUC difference.
 */
public final class BurstEvaluation {
    private BurstEvaluation() {}

    /**
     * One forecaster's scores. {@code peakAccuracy} and {@code youden} use this block's own best threshold (as seed
     * 000 reported them: optimistic on a test block); {@code atAlert} is the operating point at the alert threshold,
     * which for a test block was chosen on the validation block.
     */
    public record Scores(
            String name,
            int frames,
            double prevalence,
            Estimate rocAuc,
            double prAuc,
            double peakAccuracy,
            double majorityAccuracy,
            BinaryMetrics.Threshold youden,
            double brier,
            List<BinaryMetrics.CalibrationBin> calibration,
            double alertThreshold,
            LeadTime leadTime,
            BinaryMetrics.Threshold atAlert) {}

    /** Both forecasters and the difference model − baseline. */
    public record Report(
            String block,
            Scores model,
            Scores baseline,
            Estimate aucDifference,
            int blockLength,
            List<Scores> calibrated) {
        /** The same report with the scores of calibrated probabilities (held-out blocks only). */
        public Report withCalibrated(List<Scores> scores) {
            return new Report(block, model, baseline, aucDifference, blockLength, List.copyOf(scores));
        }

        public String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    Locale.ROOT, "%s block: %d frames, prevalence %.3f%n", block, model.frames(), model.prevalence()));
            b.append("| forecaster | ROC-AUC [95% CI] | PR-AUC | TPR / FPR at alert threshold | majority acc. |"
                    + " peak acc. (own best threshold) | Youden TPR / FPR (own best threshold) | "
                    + "balanced acc. | Brier |\n");
            b.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Scores s : List.of(model, baseline)) {
                b.append(String.format(
                        Locale.ROOT,
                        "| %s | %.3f [%.3f, %.3f] | %.3f | %.3f / %.3f (p >= %.3f) | %.3f | %.3f | %.3f / "
                                + "%.3f | %.3f | %.4f |%n",
                        s.name(),
                        s.rocAuc().mean(),
                        s.rocAuc().low(),
                        s.rocAuc().high(),
                        s.prAuc(),
                        s.atAlert().tpr(),
                        s.atAlert().fpr(),
                        s.alertThreshold(),
                        s.majorityAccuracy(),
                        s.peakAccuracy(),
                        s.youden().tpr(),
                        s.youden().fpr(),
                        s.youden().balancedAccuracy(),
                        s.brier()));
            }
            for (Scores s : calibrated) {
                b.append(String.format(
                        Locale.ROOT, "| %s | (same ranking) | | | | | | | %.4f |%n", s.name(), s.brier()));
            }
            b.append("(own best threshold: chosen on this block itself, optimistic on a test block; the alert "
                    + "threshold of" + " a test block was chosen on the validation block)\n");
            for (Scores s : List.of(model, baseline)) {
                b.append(String.format(
                        Locale.ROOT,
                        "%s alerts at p >= %.3f: %d of %d burst episodes caught, median lead %.1f frames (%.2f s)%n",
                        s.name(),
                        s.alertThreshold(),
                        s.leadTime().caught(),
                        s.leadTime().episodes(),
                        s.leadTime().medianLead(),
                        s.leadTime().medianLead() / 30.0));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "AUC difference (model - baseline): %.3f [%.3f, %.3f] (paired moving-block bootstrap, "
                            + "blocks of %d scored frames)%n",
                    aucDifference.mean(),
                    aucDifference.low(),
                    aucDifference.high(),
                    blockLength));
            return b.toString();
        }
    }

    /**
     * @param frames          the scored frames, increasing
     * @param modelThreshold  alert threshold of the model for lead times (NaN: this block's own Youden threshold;
     *                        for the test block pass the validation block's)
     */
    public static Report evaluate(
            String block,
            String modelName,
            int[] frames,
            double[] model,
            double[] baseline,
            int[] labels,
            int blockLength,
            int horizon,
            double modelThreshold,
            double baselineThreshold) {
        BlockBootstrap boot = new BlockBootstrap(blockLength, 1000, 20220101L);
        Estimate diff = boot.paired(
                new double[][] {model, baseline},
                labels,
                (s, y) -> new BinaryMetrics(s[0], y).rocAuc() - new BinaryMetrics(s[1], y).rocAuc());
        return new Report(
                block,
                scores(modelName, frames, model, labels, boot, horizon, modelThreshold),
                scores("baseline", frames, baseline, labels, boot, horizon, baselineThreshold),
                diff,
                blockLength,
                List.of());
    }

    /** One forecaster's scores alone, with the same block bootstrap as {@link #evaluate}. */
    public static Scores scores(
            String name, int[] frames, double[] s, int[] labels, int blockLength, int horizon, double threshold) {
        return scores(name, frames, s, labels, new BlockBootstrap(blockLength, 1000, 20220101L), horizon, threshold);
    }

    private static Scores scores(
            String name, int[] frames, double[] s, int[] y, BlockBootstrap boot, int horizon, double threshold) {
        BinaryMetrics m = new BinaryMetrics(s, y);
        Estimate auc = boot.interval(s, y, (a, b) -> new BinaryMetrics(a, b).rocAuc());
        double t = Double.isNaN(threshold) ? m.youden().threshold() : threshold;
        return new Scores(
                name,
                m.count(),
                m.prevalence(),
                auc,
                m.averagePrecision(),
                m.peakAccuracy().accuracy(),
                m.majorityAccuracy(),
                m.youden(),
                m.brier(),
                m.calibration(10),
                t,
                LeadTime.of(frames, y, s, t, horizon),
                m.atThreshold(t));
    }
}
