package dev.augur.spark;

import dev.augur.data.VideoReader;
import dev.augur.events.AlgorithmicBaseline;
import dev.augur.events.BurstRule;
import dev.augur.events.VideoLabels;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code prepare}'s work for one video: decode, motion energy, burst labels and the algorithmic baseline, exactly
 * as {@link VideoLabels} computes them on one machine. Only the energy series (one number per frame) is held,
 * never the frames. Rows: frame t holds ỹ[t] (frames t and t+1); label and baseline are null where undefined.
 */
public record PrepareTask(VideoReader.Options options, BurstRule rule, boolean refit) implements VideoTask {
    public static final String TABLE = "frames";
    public static final StructType SCHEMA = new StructType()
            .add("frame", DataTypes.IntegerType, false)
            .add("time", DataTypes.DoubleType, false)
            .add("motion_energy", DataTypes.DoubleType, false)
            .add("label", DataTypes.IntegerType, true)
            .add("baseline_probability", DataTypes.DoubleType, true)
            .add("burst_onset", DataTypes.BooleanType, false);

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public StructType schema() {
        return SCHEMA;
    }

    @Override
    public Iterator<Row> rows(VideoInput video) throws Exception {
        VideoLabels labels;
        try (LocalVideo local = LocalVideo.of(video);
                VideoReader reader = VideoReader.open(local.path(), options)) {
            labels = VideoLabels.of(reader, local.path(), options.fps(), rule, AlgorithmicBaseline.seed000(), refit);
        } catch (IOException | RuntimeException e) {
            throw FrameRows.named(video, e);
        }
        return rows(labels);
    }

    static Iterator<Row> rows(VideoLabels l) {
        boolean[] onset = new boolean[l.energy().length + 1];
        Arrays.stream(l.burstOnsets()).forEach(t -> onset[t] = true);
        return new Iterator<>() {
            private int t;

            @Override
            public boolean hasNext() {
                return t < l.energy().length;
            }

            @Override
            public Row next() {
                int label = l.labels()[t];
                double baseline = l.baseline()[t];
                Row r = RowFactory.create(
                        t,
                        t / l.fps(),
                        l.energy()[t],
                        label < 0 ? null : label,
                        Double.isNaN(baseline) ? null : baseline,
                        onset[t]);
                t++;
                return r;
            }
        };
    }
}
