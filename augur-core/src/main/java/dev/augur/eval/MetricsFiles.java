package dev.augur.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.augur.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes frame-metric summaries as CSV (one row per model and step) and JSON, atomically. */
public final class MetricsFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsFiles() {}

    public static void write(List<FrameMetrics.Summary> summaries, Path csv, Path json) throws IOException {
        StringBuilder b = new StringBuilder("model,step,sequences,mse,mse_low,mse_high,mae,mae_low,mae_high,"
                + "psnr,psnr_low,psnr_high,ssim,ssim_low,ssim_high,"
                + "cross_entropy,cross_entropy_low,cross_entropy_high\n");
        for (FrameMetrics.Summary s : summaries) {
            for (FrameMetrics.Step st : s.steps()) {
                b.append(s.model()).append(',').append(st.step()).append(',').append(s.sequences());
                for (Estimate e : List.of(st.mse(), st.mae(), st.psnr(), st.ssim(), st.crossEntropy())) {
                    b.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f", e.mean(), e.low(), e.high()));
                }
                b.append('\n');
            }
        }
        AtomicFiles.writeString(csv, b.toString());
        AtomicFiles.writeString(json, JSON.writeValueAsString(summaries));
    }

    public static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }
}
