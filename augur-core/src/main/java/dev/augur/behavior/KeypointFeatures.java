package dev.augur.behavior;

import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's 48 features per frame, from the agent's and the target's seven CalMS21 parts (centre = mean of the
 * seven; heading = direction tail base → neck; rates per second at the video's frame rate, backward differences,
 * zero at the first frame):
 * <ul>
 * <li>28 raw coordinates: x, y of each part, agent then target;</li>
 * <li>4 distances: centre–centre, nose–nose, agent nose–target centre, target nose–agent centre;</li>
 * <li>6 velocities: centre vx, vy and speed of each mouse;</li>
 * <li>2 accelerations: the change of each centre velocity, magnitude;</li>
 * <li>2 approach rates: time derivative of the centre–centre and nose–nose distances;</li>
 * <li>4 orientations: sin and cos of each heading;</li>
 * <li>2 facing angles: between each mouse's heading and the direction to the other's centre, in [0, π].</li>
 * </ul>
 * Keypoints must be complete (fill tracker gaps first: {@link KeypointGaps}).
 */
public final class KeypointFeatures {
    public static final int COUNT = 48;
    public static final List<String> NAMES = names();
    private static final int NOSE = 0;
    private static final int NECK = 3;
    private static final int TAIL = 6;
    private static final int PARTS = 7;

    private KeypointFeatures() {}

    /** Features of every frame, [T, 48] row-major. */
    public static float[] of(PoseVideo v) {
        if (v.parts().size() != PARTS) {
            throw new IllegalArgumentException(v.id() + ": features need the seven CalMS21 parts, got " + v.parts());
        }
        for (float k : v.keypoints()) {
            if (!Float.isFinite(k)) {
                throw new IllegalArgumentException(v.id() + ": keypoints have gaps (NaN); fill them first");
            }
        }
        int frames = v.frames();
        float[] out = new float[frames * COUNT];
        double[][] prevVelocity = new double[2][2];
        double[] prevDistances = null;
        double[][] prevCentre = null;
        for (int t = 0; t < frames; t++) {
            int o = t * COUNT;
            int[] who = {v.agent(), v.target()};
            double[][] centre = new double[2][];
            double[][] nose = new double[2][];
            double[] heading = new double[2];
            for (int m = 0; m < 2; m++) {
                for (int k = 0; k < PARTS; k++) {
                    out[o + m * 14 + 2 * k] = v.coordinate(t, who[m], k, 0);
                    out[o + m * 14 + 2 * k + 1] = v.coordinate(t, who[m], k, 1);
                }
                centre[m] = centre(v, t, who[m]);
                nose[m] = point(v, t, who[m], NOSE);
                double[] neck = point(v, t, who[m], NECK);
                double[] tail = point(v, t, who[m], TAIL);
                heading[m] = Math.atan2(neck[1] - tail[1], neck[0] - tail[0]);
            }
            double[] d = {
                dist(centre[0], centre[1]), dist(nose[0], nose[1]), dist(nose[0], centre[1]), dist(nose[1], centre[0])
            };
            for (int i = 0; i < 4; i++) {
                out[o + 28 + i] = (float) d[i];
            }
            double fps = v.fps();
            for (int m = 0; m < 2; m++) {
                double vx = prevCentre == null ? 0 : (centre[m][0] - prevCentre[m][0]) * fps;
                double vy = prevCentre == null ? 0 : (centre[m][1] - prevCentre[m][1]) * fps;
                out[o + 32 + 3 * m] = (float) vx;
                out[o + 33 + 3 * m] = (float) vy;
                out[o + 34 + 3 * m] = (float) Math.hypot(vx, vy);
                out[o + 38 + m] = prevCentre == null
                        ? 0
                        : (float) (Math.hypot(vx - prevVelocity[m][0], vy - prevVelocity[m][1]) * fps);
                prevVelocity[m] = new double[] {vx, vy};
                out[o + 42 + 2 * m] = (float) Math.sin(heading[m]);
                out[o + 43 + 2 * m] = (float) Math.cos(heading[m]);
                double[] other = centre[1 - m];
                double toOther = Math.atan2(other[1] - centre[m][1], other[0] - centre[m][0]);
                out[o + 46 + m] =
                        (float) Math.abs(Math.atan2(Math.sin(toOther - heading[m]), Math.cos(toOther - heading[m])));
            }
            out[o + 40] = prevDistances == null ? 0 : (float) ((d[0] - prevDistances[0]) * fps);
            out[o + 41] = prevDistances == null ? 0 : (float) ((d[1] - prevDistances[1]) * fps);
            prevDistances = d;
            prevCentre = centre;
        }
        return out;
    }

    private static double[] point(PoseVideo v, int t, int mouse, int part) {
        return new double[] {v.coordinate(t, mouse, part, 0), v.coordinate(t, mouse, part, 1)};
    }

    private static double[] centre(PoseVideo v, int t, int mouse) {
        double x = 0;
        double y = 0;
        for (int k = 0; k < PARTS; k++) {
            x += v.coordinate(t, mouse, k, 0);
            y += v.coordinate(t, mouse, k, 1);
        }
        return new double[] {x / PARTS, y / PARTS};
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        String[] parts = {"nose", "left_ear", "right_ear", "neck", "left_hip", "right_hip", "tail_base"};
        for (String who : new String[] {"agent", "target"}) {
            for (String p : parts) {
                n.add(who + "_" + p + "_x");
                n.add(who + "_" + p + "_y");
            }
        }
        n.addAll(List.of(
                "centre_distance",
                "nose_distance",
                "agent_nose_to_target_centre",
                "target_nose_to_agent_centre",
                "agent_vx",
                "agent_vy",
                "agent_speed",
                "target_vx",
                "target_vy",
                "target_speed",
                "agent_acceleration",
                "target_acceleration",
                "centre_approach_rate",
                "nose_approach_rate",
                "agent_heading_sin",
                "agent_heading_cos",
                "target_heading_sin",
                "target_heading_cos",
                "agent_facing_angle",
                "target_facing_angle"));
        return List.copyOf(n);
    }
}
