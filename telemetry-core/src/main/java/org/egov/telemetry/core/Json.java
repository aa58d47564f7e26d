package org.egov.telemetry.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The one JSON mapper configuration every plugin shares: schemaless values are {@code Map<String, Object>}
 * trees, numbers keep their integral type, and serialisation of a map is canonical (keys sorted) when asked.
 */
public final class Json {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    static {
        // Nesting is bounded so that hostile input fails fast instead of exhausting the stack.
        MAPPER.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(200).build());
    }

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a JSON object; anything else (array, scalar, malformed text) is an {@link IOException}. */
    public static Map<String, Object> parseObject(byte[] json) throws IOException {
        return requireObject(MAPPER.readValue(json, Object.class));
    }

    public static Map<String, Object> parseObject(InputStream json) throws IOException {
        return requireObject(MAPPER.readValue(json, Object.class));
    }

    public static Map<String, Object> parseObject(String json) throws IOException {
        return requireObject(MAPPER.readValue(json, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> requireObject(Object parsed) throws IOException {
        if (parsed instanceof Map) {
            return (Map<String, Object>) parsed;
        }
        String found = parsed == null ? "null" : parsed instanceof java.util.List ? "an array" : "a " + parsed.getClass().getSimpleName();
        throw new IOException("expected a JSON object but found " + found);
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serialises with map keys sorted, so equal trees give equal bytes whatever their key order. */
    public static byte[] toCanonicalBytes(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TypeReference<Map<String, Object>> mapType() {
        return MAP;
    }
}
