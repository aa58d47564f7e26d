package org.egov.telemetry.core;

import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads a record value as a schemaless JSON object, whatever form the converter left it in:
 * a {@code Map} (JsonConverter with schemas disabled), a JSON {@code String} or JSON {@code byte[]}.
 */
public final class RecordValues {

    private RecordValues() {
    }

    /**
     * @param purpose what the caller is doing, used in the error message (e.g. "unbundling a batch")
     * @return the value as a map; never {@code null}
     * @throws DataException naming the purpose and the type found when the value is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value, String purpose) {
        try {
            if (value instanceof Map) {
                return (Map<String, Object>) value;
            }
            if (value instanceof byte[] bytes) {
                return Json.parseObject(bytes);
            }
            if (value instanceof String text) {
                return Json.parseObject(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new DataException("Only JSON objects are supported for " + purpose + ": " + e.getMessage(), e);
        }
        String found = value == null ? "null" : value.getClass().getName();
        throw new DataException("Only Map, String or byte[] JSON values are supported for " + purpose + ", found " + found);
    }

    /** A field of a JSON object as a long, accepting integral numbers and numeric strings; null otherwise. */
    public static Long asLong(Object field) {
        if (field instanceof Number number) {
            return number.longValue();
        }
        if (field instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
