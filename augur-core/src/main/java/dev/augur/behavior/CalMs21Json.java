package dev.augur.behavior;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.augur.io.AtomicFiles;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * CalMS21 task-1 files: {@code {"annotator-id_0": {"<sequence>": {"keypoints": [T][2 mice][2 (x, y)][7 parts],
 * "scores": [T][2][7], "annotations": [T], "metadata": {"vocab": {"attack": 0, ...}}}}}}, 30 Hz, pixels of a
 * 1024×570 frame; mouse 0 (the resident) is the agent, mouse 1 the intruder. Read as a stream, one sequence at a
 * time, so a file of hundreds of MB is never held whole. Keypoints missing in some frames (NaN or null, as Python's
 * json writes them) are interpolated linearly in time per part and counted in {@link PoseVideo#repairs()}; a part
 * missing in every frame, a wrong shape, or a label outside the vocabulary is an error naming file, sequence and frame.
 */
public final class CalMs21Json {
    public static final List<String> PARTS =
            List.of("nose", "left_ear", "right_ear", "neck", "left_hip", "right_hip", "tail_base");
    public static final double FPS = 30;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build());

    private CalMs21Json() {}

    /** Every sequence of every annotator group in {@code file}, in file order. */
    public static List<PoseVideo> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such CalMS21 file");
        }
        List<PoseVideo> out = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(file.toFile())) {
            expect(p, JsonToken.START_OBJECT, file, "the top level must be an object of annotator groups");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String group = p.currentName();
                expect(
                        p,
                        JsonToken.START_OBJECT,
                        file,
                        "annotator group '" + group + "' must be an object of sequences");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String sequence = p.currentName();
                    p.nextToken();
                    JsonNode node = p.readValueAsTree();
                    out.add(sequence(file, sequence, node));
                }
            }
            if (p.nextToken() != null) {
                throw new IOException(file + ": more data after the end of the JSON object (line "
                        + p.currentLocation().getLineNr() + "): a damaged or concatenated file?");
            }
        } catch (JsonProcessingException e) {
            throw new IOException(
                    file + ": not a complete CalMS21 JSON file (" + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ")",
                    e);
        } catch (CharConversionException e) { // Jackson's encoding detection: bytes that are no Unicode text
            throw new IOException(file + ": not a JSON text file (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": holds no sequences");
        }
        return out;
    }

    private static void expect(JsonParser p, JsonToken token, Path file, String what) throws IOException {
        if (p.nextToken() != token) {
            throw new IOException(file + ": " + what);
        }
    }

    private static PoseVideo sequence(Path file, String id, JsonNode node) throws IOException {
        String where = file + ", sequence " + id;
        JsonNode kp = node.get("keypoints");
        if (kp == null || !kp.isArray() || kp.isEmpty()) {
            throw new IOException(where + ": no keypoints");
        }
        int frames = kp.size();
        int mice = 2;
        int parts = PARTS.size();
        float[] keypoints = new float[frames * mice * parts * 2];
        for (int t = 0; t < frames; t++) {
            JsonNode f = kp.get(t);
            checkShape(f, mice, where, "keypoints", t);
            for (int m = 0; m < mice; m++) {
                checkShape(f.get(m), 2, where, "keypoints", t);
                for (int axis = 0; axis < 2; axis++) {
                    JsonNode row = f.get(m).get(axis);
                    checkShape(row, parts, where, "keypoints", t);
                    for (int k = 0; k < parts; k++) {
                        keypoints[((t * mice + m) * parts + k) * 2 + axis] = number(row.get(k));
                    }
                }
            }
        }
        float[] confidence = new float[frames * mice * parts];
        JsonNode scores = node.get("scores");
        if (scores == null) {
            Arrays.fill(confidence, 1f);
        } else {
            checkShape(scores, frames, where, "scores", -1);
            for (int t = 0; t < frames; t++) {
                checkShape(scores.get(t), mice, where, "scores", t);
                for (int m = 0; m < mice; m++) {
                    checkShape(scores.get(t).get(m), parts, where, "scores", t);
                    for (int k = 0; k < parts; k++) {
                        confidence[(t * mice + m) * parts + k] =
                                number(scores.get(t).get(m).get(k));
                    }
                }
            }
        }
        List<String> vocabulary = vocabulary(node.path("metadata").path("vocab"), where);
        int[] labels = new int[frames];
        boolean[] labelled = new boolean[vocabulary.size()];
        JsonNode ann = node.get("annotations");
        if (ann == null) {
            Arrays.fill(labels, -1);
        } else {
            checkShape(ann, frames, where, "annotations", -1);
            Arrays.fill(labelled, true);
            for (int t = 0; t < frames; t++) {
                JsonNode a = ann.get(t);
                // 1.5 is no class: only whole numbers name behaviours
                if (!a.isIntegralNumber() || !a.canConvertToInt() || a.asInt() < 0 || a.asInt() >= vocabulary.size()) {
                    throw new IOException(
                            where + ": frame " + t + " has annotation " + a + ", outside the vocabulary " + vocabulary);
                }
                labels[t] = a.asInt();
            }
        }
        PoseVideo.Repairs repairs = KeypointGaps.fill(keypoints, frames, mice * parts, where);
        return new PoseVideo(
                id, FPS, "px", frames, mice, PARTS, keypoints, confidence, 0, 1, labels, vocabulary, labelled, repairs);
    }

    private static void checkShape(JsonNode node, int size, String where, String field, int frame) throws IOException {
        if (node == null || !node.isArray() || node.size() != size) {
            throw new IOException(where + ": " + field + (frame >= 0 ? " of frame " + frame : "") + " must have " + size
                    + " entries, got " + (node == null || !node.isArray() ? "none" : node.size()));
        }
    }

    private static float number(JsonNode n) {
        return n == null || n.isNull() ? Float.NaN : (float) n.asDouble(Double.NaN);
    }

    private static List<String> vocabulary(JsonNode vocab, String where) throws IOException {
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new IOException(where + ": metadata.vocab (behaviour name -> index) is missing");
        }
        Map<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : vocab.properties()) {
            byIndex.put(e.getValue().asInt(-1), e.getKey());
        }
        List<String> out = new ArrayList<>(byIndex.values());
        if (!new ArrayList<>(byIndex.keySet())
                .equals(IntStream.range(0, out.size()).boxed().toList())) {
            throw new IOException(
                    where + ": metadata.vocab indices must be 0.." + (out.size() - 1) + ", got " + byIndex.keySet());
        }
        return out;
    }

    /** Writes {@code videos} (two mice, the seven CalMS21 parts, in pixels) as one annotator group of a task-1 file. */
    public static void write(List<PoseVideo> videos, Path file) throws IOException {
        AtomicFiles.write(file, out -> writeTo(videos, out));
    }

    private static void writeTo(List<PoseVideo> videos, OutputStream stream) throws IOException {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(stream)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the atomic writer syncs and closes the file
            g.writeStartObject();
            g.writeObjectFieldStart("annotator-id_0");
            for (PoseVideo v : videos) {
                if (v.mice() != 2 || !v.parts().equals(PARTS)) {
                    throw new IllegalArgumentException(v.id() + ": CalMS21 holds two mice with the parts " + PARTS);
                }
                g.writeObjectFieldStart(v.id());
                g.writeArrayFieldStart("keypoints");
                for (int t = 0; t < v.frames(); t++) {
                    g.writeStartArray();
                    for (int m = 0; m < 2; m++) {
                        g.writeStartArray();
                        for (int axis = 0; axis < 2; axis++) {
                            g.writeStartArray();
                            for (int k = 0; k < PARTS.size(); k++) {
                                writeNumber(g, v.coordinate(t, m, k, axis));
                            }
                            g.writeEndArray();
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("scores");
                for (int t = 0; t < v.frames(); t++) {
                    g.writeStartArray();
                    for (int m = 0; m < 2; m++) {
                        g.writeStartArray();
                        for (int k = 0; k < PARTS.size(); k++) {
                            g.writeNumber(v.confidence()[(t * 2 + m) * PARTS.size() + k]);
                        }
                        g.writeEndArray();
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("annotations");
                for (int label : v.labels()) {
                    g.writeNumber(label);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("metadata");
                g.writeObjectFieldStart("vocab");
                for (int i = 0; i < v.vocabulary().size(); i++) {
                    g.writeNumberField(v.vocabulary().get(i), i);
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static void writeNumber(JsonGenerator g, float x) throws IOException {
        if (Float.isNaN(x)) {
            g.writeNull();
        } else {
            g.writeNumber(Math.round(x * 100) / 100.0);
        }
    }
}
