package dev.augur.events;

import java.util.ArrayList;
import java.util.List;

/**
 * How early alerts come. A burst episode is a run of positive labels (frames from which a burst starts within
 * the horizon); runs less than {@code mergeGap} frames apart are one episode, because the label flickers while
 * noise in the motion energy crosses the rule's "low now" test in the quiet lead-up to one burst. The episode's
 * onset is the first frame after its last positive frame. An episode is caught when some frame in it reaches
 * the threshold; its lead time is the onset minus the first such frame.
 *
 * @param episodes    burst episodes among the scored frames
 * @param caught      episodes with an alert before the onset
 * @param medianLead  median lead time of caught episodes, in frames (NaN when none is caught)
 */
public record LeadTime(int episodes, int caught, double medianLead) {

    /**
     * Frames must be increasing; scores and labels are those of the scored frames; {@code mergeGap} in frames (the
     * rule's horizon: 0 keeps every run apart).
     */
    public static LeadTime of(int[] frames, int[] labels, double[] scores, double threshold, int mergeGap) {
        List<Integer> leads = new ArrayList<>();
        List<int[]> episodes = episodes(frames, labels, mergeGap);
        for (int[] e : episodes) {
            int onset = frames[e[1] + 1];
            for (int k = e[0]; k <= e[1]; k++) {
                if (scores[k] >= threshold) {
                    leads.add(onset - frames[k]);
                    break;
                }
            }
        }
        double median = Double.NaN;
        if (!leads.isEmpty()) {
            int[] sorted = leads.stream().mapToInt(Integer::intValue).sorted().toArray();
            int n = sorted.length;
            median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        }
        return new LeadTime(episodes.size(), leads.size(), median);
    }

    /**
     * The burst episodes among {@code frames}: index pairs [first, last] of their positive frames, runs less than
     * {@code mergeGap} frames apart merged; only episodes whose onset (index last + 1) is among the frames.
     */
    public static List<int[]> episodes(int[] frames, int[] labels, int mergeGap) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < frames.length) {
            if (labels[i] != 1) {
                i++;
                continue;
            }
            int start = i;
            int end = i;
            while (i + 1 < frames.length && labels[i + 1] != -1) {
                boolean runGoesOn = i == end && labels[i + 1] == 1;
                if (!runGoesOn && frames[i + 1] - frames[end] > mergeGap) {
                    break;
                }
                i++;
                if (labels[i] == 1) {
                    end = i;
                }
            }
            i = end + 1;
            if (end + 1 < frames.length) { // a run reaching the end of the frames has no onset in view
                out.add(new int[] {start, end});
            }
        }
        return out;
    }
}
