package dev.augur.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The project's one JSON mapper: bundles, metrics, run state; written indented so people can read them. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
