package dev.augur.events;

import dev.augur.data.RecordingFiles;
import dev.augur.data.RecordingManifest;
import dev.augur.data.RecordingSplit;
import dev.augur.data.VideoReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A lab's recordings split by recording for the burst forecaster: training recordings, on which the label rule and
 * the baseline are refit (their motion energy pooled), and validation recordings, labelled by that rule, on which
 * thresholds and calibration are chosen. Test recordings are only checked to be other recordings: they are scored
 * later, by the saved model ({@link BurstScoring}), never read here. Each recording's frames live in a frame store
 * on disk, so many long recordings fit.
 */
public final class BurstRecordings implements Closeable {
    private final List<BurstData> training;
    private final List<BurstData> validation;
    private final BurstRule rule;

    private BurstRecordings(List<BurstData> training, List<BurstData> validation, BurstRule rule) {
        this.training = List.copyOf(training);
        this.validation = List.copyOf(validation);
        this.rule = rule;
    }

    /**
     * Decodes the training and validation recordings (frames downscaled by {@code factor} into stores in
     * {@code scratch}); a recording named in two sets, or a copy of one, is refused.
     */
    public static BurstRecordings read(
            List<Path> training,
            List<Path> validation,
            List<Path> test,
            VideoReader.Options options,
            int factor,
            Path scratch,
            BurstRule published,
            AlgorithmicBaseline publishedBaseline)
            throws IOException {
        if (training.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("a split by recording needs training and validation recordings, got "
                    + training.size() + " and " + validation.size());
        }
        Map<String, List<Path>> sets = new LinkedHashMap<>();
        sets.put("training", training);
        sets.put("validation", validation);
        sets.put("test", test);
        RecordingSplit.requireDisjoint(sets);
        List<BurstData.Decoded> decoded = new ArrayList<>();
        try {
            for (Path p : training) {
                decoded.add(BurstData.decode(p, options, factor, scratch, published));
            }
            for (Path p : validation) {
                decoded.add(BurstData.decode(p, options, factor, scratch, published));
            }
        } catch (IOException | RuntimeException e) {
            for (BurstData.Decoded d : decoded) {
                d.close();
            }
            throw e;
        }
        double[] pooled = decoded.subList(0, training.size()).stream()
                .flatMapToDouble(d -> Arrays.stream(d.pairEnergy()))
                .toArray();
        BurstRule rule = published.refit(pooled);
        AlgorithmicBaseline baseline = publishedBaseline.refit(pooled);
        List<BurstData> t = new ArrayList<>();
        List<BurstData> v = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            boolean train = i < training.size();
            BurstData d = BurstData.whole(
                    decoded.get(i), train ? BurstData.Block.TRAIN : BurstData.Block.VALIDATION, rule, baseline);
            (train ? t : v).add(d);
        }
        return new BurstRecordings(t, v, rule);
    }

    /**
     * The recordings by split ({@code train}, {@code validation}, {@code test}) as a command line names them: one
     * training video alone is split in time (no validation recordings); otherwise a split by recording, from
     * {@code manifest} or from the training, validation (and test) names (files, folders, globs, lists): videos, or
     * series CSVs when {@code series}.
     */
    public static Map<String, List<Path>> named(
            Path manifest, List<String> training, List<String> validation, List<String> test, boolean series)
            throws IOException {
        if (manifest != null) {
            if (training != null || validation != null || test != null) {
                throw new IllegalArgumentException("--manifest names every recording: leave out --video,"
                        + " --validation-recordings and --test-recordings");
            }
            Map<String, List<Path>> split = RecordingManifest.read(manifest);
            if (split.get("train").isEmpty() || split.get("validation").isEmpty()) {
                throw new IllegalArgumentException(manifest + ": a manifest needs train and validation recordings,"
                        + " got " + split.get("train").size() + " and "
                        + split.get("validation").size());
            }
            return split;
        }
        Map<String, List<Path>> split = new LinkedHashMap<>();
        split.put("train", files(training, series));
        split.put("validation", validation == null ? List.of() : files(validation, series));
        split.put("test", test == null ? List.of() : files(test, series));
        if (split.get("validation").isEmpty() && !series) {
            if (test != null) {
                throw new IllegalArgumentException("--test-recordings needs --validation-recordings: the"
                        + " threshold and calibration are chosen on other recordings than the test ones");
            }
            if (split.get("train").size() > 1) {
                throw new IllegalArgumentException(split.get("train").size() + " recordings given with --video:"
                        + " a split by recording needs --validation-recordings (or --manifest); one recording"
                        + " is split in time blocks");
            }
        }
        return split;
    }

    /**
     * Whether a manifest's recordings are series CSVs (else videos); one manifest holding both is refused, naming
     * it, rather than failing later on a CSV handed to FFmpeg.
     */
    public static boolean areSeries(Map<String, List<Path>> split, Path manifest) {
        List<Path> all = split.values().stream().flatMap(List::stream).toList();
        long csv = all.stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                .count();
        if (csv > 0 && csv < all.size()) {
            throw new IllegalArgumentException(manifest + ": lists " + csv + " series CSVs and " + (all.size() - csv)
                    + " videos; a manifest names recordings of one kind");
        }
        return csv > 0;
    }

    private static List<Path> files(List<String> names, boolean series) throws IOException {
        return series ? RecordingFiles.resolve(names, Set.of(".csv")) : RecordingFiles.videos(names);
    }

    public List<BurstData> training() {
        return training;
    }

    public List<BurstData> validation() {
        return validation;
    }

    /** The label rule refit on the training recordings. */
    public BurstRule rule() {
        return rule;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (BurstData d : concat()) {
            try {
                d.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private List<BurstData> concat() {
        List<BurstData> all = new ArrayList<>(training);
        all.addAll(validation);
        return all;
    }
}
