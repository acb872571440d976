package dev.augur.events;

import dev.augur.data.CsvTable;
import dev.augur.eval.BinaryMetrics;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * One recording as a labelled per-frame series, the layout {@code bursts label} writes: CSV
 * {@code frame,time,motion_energy,label,baseline_probability}, any further numeric column a per-frame feature
 * (speeds from a tracker, say). Row t holds ỹ[t] (frames t and t+1), label[t] (−1 or empty: unknown) and the
 * baseline's P[t] (empty: none). Frames are numbered consecutively.
 *
 * @param source       where the series came from (named in errors)
 * @param firstFrame   number of the first row's frame
 * @param time         seconds of each frame
 * @param features     extra per-frame columns, [feature][frame]
 */
public record BurstSeries(
        String source,
        int firstFrame,
        double[] time,
        double[] energy,
        int[] labels,
        double[] baseline,
        List<String> featureNames,
        double[][] features) {
    static final List<String> FIXED = List.of("frame", "time", "motion_energy", "label", "baseline_probability");

    public BurstSeries {
        int n = energy.length;
        if (time.length != n || labels.length != n || baseline.length != n) {
            throw new IllegalArgumentException(source + ": columns of unequal length");
        }
        if (featureNames.size() != features.length) {
            throw new IllegalArgumentException(
                    source + ": " + featureNames.size() + " feature names for " + features.length + " feature columns");
        }
        featureNames = List.copyOf(featureNames);
    }

    /** A series at {@code fps} from frame 0, without extra features. */
    public static BurstSeries of(String source, double fps, double[] energy, int[] labels, double[] baseline) {
        double[] time = new double[energy.length];
        Arrays.setAll(time, t -> t / fps);
        return new BurstSeries(source, 0, time, energy, labels, baseline, List.of(), new double[0][]);
    }

    public int length() {
        return energy.length;
    }

    /** Frames per second, from the time column. */
    public double fps() {
        int n = time.length;
        return n < 2 || !(time[n - 1] > time[0]) ? 30 : (n - 1) / (time[n - 1] - time[0]);
    }

    /** Names of the model's input columns: motion energy, then the extra features. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>(List.of("motion_energy"));
        names.addAll(featureNames);
        return names;
    }

    /** Input column {@code j} of {@link #inputNames()}. */
    public double[] input(int j) {
        return j == 0 ? energy : features[j - 1];
    }

    /**
     * The same series labelled anew from its motion energy: labels by {@code rule}, the baseline's probabilities;
     * with {@code refit} both rescaled to this series' energy span first (training data only, as for video).
     */
    public BurstSeries relabelled(BurstRule rule, AlgorithmicBaseline baseline, boolean refit) {
        BurstRule r = refit ? rule.refit(energy) : rule;
        AlgorithmicBaseline b = refit ? baseline.refit(energy) : baseline;
        return new BurstSeries(
                source, firstFrame, time, energy, r.labels(energy), b.probabilities(energy), featureNames, features);
    }

    public double prevalence() {
        return BurstRule.prevalence(labels);
    }

    /**
     * Several recordings end to end as one series (for choosing on many validation recordings at once): frames and
     * time continue, and the first {@code guard} frames of every recording after the first lose their label and
     * baseline, so that no scored window of up to {@code guard} frames spans two recordings. Their feature columns
     * must be the same.
     */
    public static BurstSeries joined(List<BurstSeries> parts, int guard) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        BurstSeries first = parts.get(0);
        int n = parts.stream().mapToInt(BurstSeries::length).sum();
        double[] time = new double[n];
        double[] energy = new double[n];
        int[] labels = new int[n];
        double[] baseline = new double[n];
        double[][] features = new double[first.featureNames().size()][n];
        int at = 0;
        double offset = 0;
        List<String> names = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            BurstSeries s = parts.get(k);
            if (!s.featureNames().equals(first.featureNames())) {
                throw new IllegalArgumentException(s.source() + ": feature columns " + s.featureNames()
                        + " differ from " + first.source() + "'s " + first.featureNames());
            }
            names.add(s.source());
            double step = s.length() > 1 ? s.time()[1] - s.time()[0] : 1 / 30.0;
            for (int t = 0; t < s.length(); t++) {
                boolean guarded = k > 0 && t < guard;
                time[at] = offset + s.time()[t] - s.time()[0];
                energy[at] = s.energy()[t];
                labels[at] = guarded ? -1 : s.labels()[t];
                baseline[at] = guarded ? Double.NaN : s.baseline()[t];
                for (int f = 0; f < features.length; f++) {
                    features[f][at] = s.features()[f][t];
                }
                at++;
            }
            offset = time[at - 1] + step;
        }
        return new BurstSeries(
                String.join(" + ", names),
                first.firstFrame(),
                time,
                energy,
                labels,
                baseline,
                first.featureNames(),
                features);
    }

    /**
     * What {@code bursts label} prints: frames, label prevalence, the rule's c, and how well the baseline column
     * ranks the labels here.
     */
    public String describe(BurstRule rule) {
        long labelled = Arrays.stream(labels).filter(l -> l >= 0).count();
        if (labelled == 0) {
            return String.format(
                    Locale.ROOT,
                    "%s: %d frames, none labelled: a label needs %d frames of warm-up before it and %d after it%n",
                    source,
                    length(),
                    rule.warmUp(),
                    rule.horizon());
        }
        StringBuilder s = new StringBuilder(String.format(
                Locale.ROOT,
                "%s: %d frames, label prevalence %.3f (c = %.6f)%n",
                source,
                length(),
                prevalence(),
                rule.minRange()));
        try {
            BinaryMetrics m = new BinaryMetrics(baseline, labels);
            s.append(String.format(
                    Locale.ROOT,
                    "baseline on this recording: ROC-AUC %.3f, PR-AUC %.3f, majority accuracy %.3f%n",
                    m.rocAuc(),
                    m.averagePrecision(),
                    m.majorityAccuracy()));
        } catch (IllegalArgumentException oneClass) {
            s.append("baseline not scored: ").append(oneClass.getMessage()).append('\n');
        }
        return s.toString();
    }

    /** Writes the series (energy, probabilities and features at full precision), atomically. */
    public void write(Path file) throws IOException {
        StringBuilder s = new StringBuilder(String.join(",", FIXED));
        for (String f : featureNames) {
            s.append(',').append(f);
        }
        s.append('\n');
        for (int t = 0; t < energy.length; t++) {
            s.append(firstFrame + t)
                    .append(',')
                    .append(String.format(Locale.ROOT, "%.4f", time[t]))
                    .append(',')
                    .append(plain(energy[t]))
                    .append(',')
                    .append(labels[t])
                    .append(',')
                    .append(Double.isNaN(baseline[t]) ? "" : plain(baseline[t]));
            for (double[] f : features) {
                s.append(',').append(plain(f[t]));
            }
            s.append('\n');
        }
        AtomicFiles.writeString(file, s.toString());
    }

    /** The shortest decimal that reads back as the same double, without an exponent. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).toPlainString();
    }

    /** Reads a series CSV; every problem is an error naming the file, the line and the column. */
    public static BurstSeries read(Path file) throws IOException {
        CsvTable t = CsvTable.read(file, "series file");
        return parse(file.toString(), t.header().toArray(String[]::new), t.rows());
    }

    private static BurstSeries parse(String file, String[] header, List<String[]> rows) throws IOException {
        List<String> names = Arrays.asList(header);
        int frameCol = names.indexOf("frame");
        int energyCol = names.indexOf("motion_energy");
        if (frameCol < 0 || energyCol < 0) {
            throw new IOException(file + ": the header must name the columns 'frame' and 'motion_energy', found "
                    + String.join(",", header));
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IOException(file + ": the header names a column twice: " + String.join(",", header));
        }
        int n = rows.size();
        if (n < 2) {
            throw new IOException(file + ": needs at least two frames, found " + n);
        }
        List<Integer> extraCols = new ArrayList<>();
        for (int c = 0; c < header.length; c++) {
            if (!FIXED.contains(header[c])) {
                if (header[c].isEmpty()) {
                    throw new IOException(file + ": column " + (c + 1) + " has no name in the header");
                }
                extraCols.add(c);
            }
        }
        int timeCol = names.indexOf("time");
        int labelCol = names.indexOf("label");
        int baselineCol = names.indexOf("baseline_probability");
        int first = 0;
        double[] time = new double[n];
        double[] energy = new double[n];
        int[] labels = new int[n];
        double[] baseline = new double[n];
        double[][] features = new double[extraCols.size()][n];
        for (int t = 0; t < n; t++) {
            Cells r = new Cells(file, t + 2, header, rows.get(t));
            int frame = r.integer(frameCol);
            if (t == 0) {
                first = frame;
            } else if (frame != first + t) {
                throw new IOException(file + ": line " + (t + 2) + ": frame " + frame + " follows frame "
                        + (first + t - 1) + "; frames must be consecutive");
            }
            energy[t] = r.number(energyCol, 0, Double.MAX_VALUE, false);
            time[t] = timeCol < 0 ? (first + t) / 30.0 : r.number(timeCol, -Double.MAX_VALUE, Double.MAX_VALUE, false);
            labels[t] = labelCol < 0 ? -1 : r.label(labelCol);
            baseline[t] = baselineCol < 0 ? Double.NaN : r.number(baselineCol, 0, 1, true);
            for (int j = 0; j < extraCols.size(); j++) {
                features[j][t] = r.number(extraCols.get(j), -Double.MAX_VALUE, Double.MAX_VALUE, false);
            }
        }
        List<String> featureNames = extraCols.stream().map(c -> header[c]).toList();
        return new BurstSeries(file, first, time, energy, labels, baseline, featureNames, features);
    }

    /** One CSV row, with errors that name the file, line and column. */
    private record Cells(String file, int line, String[] header, String[] cells) {
        String cell(int c) throws IOException {
            if (c >= cells.length) {
                throw error(c, "is missing (the row has " + cells.length + " of " + header.length + " columns)");
            }
            return cells[c].trim();
        }

        IOException error(int c, String what) {
            return new IOException(file + ": line " + line + ": column '" + header[c] + "' " + what);
        }

        int integer(int c) throws IOException {
            String s = cell(c);
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error(c, "must be a whole number, got '" + s + "'");
            }
        }

        double number(int c, double min, double max, boolean blankAllowed) throws IOException {
            String s = cell(c);
            if (s.isEmpty()) {
                if (blankAllowed) {
                    return Double.NaN;
                }
                throw error(c, "is empty");
            }
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(c, "must be a number, got '" + s + "'");
            }
            if (!Double.isFinite(v) || v < min || v > max) {
                throw error(
                        c,
                        "must be a finite number"
                                + (min > -Double.MAX_VALUE
                                        ? " in [" + min + ", " + (max < Double.MAX_VALUE ? max : "∞") + "]"
                                        : "")
                                + ", got '" + s + "'");
            }
            return v;
        }

        int label(int c) throws IOException {
            String s = cell(c);
            return switch (s) {
                case "", "-1" -> -1;
                case "0", "0.0" -> 0;
                case "1", "1.0" -> 1;
                default -> throw error(c, "must be 0, 1, or -1 / empty for unknown, got '" + s + "'");
            };
        }
    }
}
