package dev.augur.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The event the burst labels stand in for, from a simulated tank's ground truth ({@code <video>.chases.csv}):
 * label[t] = 1 when a chase starts within the next h frames (frames t + 1 … t + h), which motion energy alone does
 * not decide; −1 where that window runs past the end.
 */
public final class ChaseOnsets {
    private ChaseOnsets() {}

    /** Start frames of the chases in a {@code chases.csv} written by {@link FishTankSimulator}. */
    public static int[] read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new NoSuchFileException(
                    csv.toString(), null, "no such chases file (written beside a simulated video)");
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).startsWith("start_frame,")) {
            throw new IOException(csv + ": expected a header starting start_frame, as FishTankSimulator writes");
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            try {
                starts.add(Integer.parseInt(lines.get(i).split(",", -1)[0].trim()));
            } catch (NumberFormatException e) {
                throw new IOException(csv + ": line " + (i + 1) + ": start_frame must be a whole number");
            }
        }
        return starts.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Labels for frames {@code first} … {@code first + n − 1} of the recording. */
    public static int[] labels(int[] starts, int first, int n, int horizon) {
        int[] out = new int[n];
        for (int t = 0; t < n; t++) {
            int frame = first + t;
            if (t + horizon >= n) {
                out[t] = -1;
                continue;
            }
            for (int s : starts) {
                if (s > frame && s <= frame + horizon) {
                    out[t] = 1;
                    break;
                }
            }
        }
        return out;
    }

    /** The same series with chase-onset labels instead of motion-energy labels. */
    public static BurstSeries relabel(BurstSeries s, int[] starts, int horizon) {
        return new BurstSeries(
                s.source() + ", chase onsets",
                s.firstFrame(),
                s.time(),
                s.energy(),
                labels(starts, s.firstFrame(), s.length(), horizon),
                s.baseline(),
                s.featureNames(),
                s.features());
    }
}
