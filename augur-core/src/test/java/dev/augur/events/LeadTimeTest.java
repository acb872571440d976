package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LeadTimeTest {
    @Test
    void leadIsOnsetMinusFirstAlertWithinEachEpisode() {
        int[] frames = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20};
        int[] labels = {0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1};
        double[] p = {0.9, 0.2, 0.7, 0.8, 0.1, 0.1, 0.3, 0.4, 0.9, 0.9, 0.9};
        LeadTime t = LeadTime.of(frames, labels, p, 0.5, 0);
        // episode 1: frames 2..6, onset 8, first alert at 4 -> lead 4; episode 2: frames 12..14, onset 16, no alert;
        // the last run reaches the end: its onset is unseen and it is not counted
        assertThat(t.episodes()).isEqualTo(2);
        assertThat(t.caught()).isEqualTo(1);
        assertThat(t.medianLead()).isEqualTo(4.0);
        assertThat(LeadTime.of(frames, labels, p, 0.95, 0).medianLead()).isNaN();
    }

    @Test
    void runsCloserThanTheGapAreOneEpisodeWithTheLaterOnset() {
        int[] frames = {0, 2, 4, 6, 8, 10, 12, 14, 16};
        int[] labels = {0, 1, 1, 0, 1, 1, 0, 0, 0};
        double[] p = {0.1, 0.9, 0.2, 0.1, 0.2, 0.2, 0.1, 0.1, 0.1};
        // apart: onsets 6 (alert at 2: lead 4) and 12 (no alert)
        LeadTime apart = LeadTime.of(frames, labels, p, 0.5, 0);
        assertThat(apart.episodes()).isEqualTo(2);
        assertThat(apart.caught()).isEqualTo(1);
        assertThat(apart.medianLead()).isEqualTo(4.0);
        // the runs are 4 frames apart (4 -> 8): merged, one episode with onset 12, alert at 2: lead 10
        LeadTime merged = LeadTime.of(frames, labels, p, 0.5, 4);
        assertThat(merged.episodes()).isEqualTo(1);
        assertThat(merged.caught()).isEqualTo(1);
        assertThat(merged.medianLead()).isEqualTo(10.0);
    }
}
