package dev.augur.spark;

import dev.augur.data.VideoReader;
import dev.augur.events.BurstForecaster;
import java.io.IOException;
import java.util.Iterator;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code score}'s work for one video: frames stream from the decoder through the executor's forecaster (loaded
 * once per executor from the broadcast bundle) into rows, one frame at a time, exactly as {@code augur bursts
 * forecast} scores them. Probability and calibrated are null until the first full window.
 *
 * @param threshold the alert threshold, or NaN for the bundle's own
 */
public record ScoreTask(Broadcast<BundleFiles> bundle, double threshold) implements VideoTask {
    public static final String TABLE = "scores";
    public static final StructType SCHEMA = new StructType()
            .add("frame", DataTypes.IntegerType, false)
            .add("time", DataTypes.DoubleType, false)
            .add("probability", DataTypes.DoubleType, true)
            .add("calibrated", DataTypes.DoubleType, true)
            .add("alert", DataTypes.BooleanType, false)
            .add("alert_onset", DataTypes.BooleanType, false);

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
        BurstForecaster forecaster = ExecutorModels.forecaster(bundle.value());
        LocalVideo local = LocalVideo.of(video);
        VideoReader reader;
        try {
            reader = VideoReader.open(local.path(), BurstForecaster.readerOptions());
        } catch (IOException | RuntimeException e) {
            local.close();
            throw FrameRows.named(video, e);
        }
        BurstForecaster.Session session =
                forecaster.session(Double.isNaN(threshold) ? forecaster.threshold() : threshold);
        return new FrameRows(video, local, reader, session) {
            private boolean alerting;

            @Override
            Row compute() throws IOException {
                VideoReader.GreyFrame f = reader.next();
                if (f == null) {
                    return null;
                }
                BurstForecaster.Forecast fc = session.next(f);
                boolean onset = fc.alert() && !alerting;
                alerting = fc.alert();
                boolean none = Double.isNaN(fc.probability());
                return RowFactory.create(
                        fc.frame(),
                        fc.time(),
                        none ? null : fc.probability(),
                        none ? null : fc.calibrated(),
                        fc.alert(),
                        onset);
            }
        };
    }
}
