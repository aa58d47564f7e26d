package org.egov.telemetry.core;

import org.apache.kafka.connect.errors.DataException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A record value as one line of NDJSON (without the newline), which is what both sinks write: JSON that
 * arrives as {@code byte[]} or {@code String} goes through as it is, a {@code Map} is serialised once.
 */
public final class JsonLines {

    private JsonLines() {
    }

    /**
     * @param purpose what the caller does with the line, for the error message (e.g. "indexing")
     * @return the line, or {@code null} when the value is null, empty or blank
     * @throws DataException naming the purpose and the type found when the value is not JSON text or a map
     */
    public static byte[] toLine(Object value, String purpose) {
        if (value == null) {
            return null;
        }
        byte[] json;
        if (value instanceof byte[] bytes) {
            json = bytes;
        } else if (value instanceof String text) {
            json = text.getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof Map<?, ?> map) {
            return Json.toBytes(map);
        } else {
            throw new DataException("Only Map, String or byte[] JSON values are supported for " + purpose
                    + ", found " + value.getClass().getName() + "; use a JsonConverter with schemas.enable=false, "
                    + "a StringConverter or a ByteArrayConverter");
        }
        return isBlank(json) ? null : onOneLine(json);
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * Pretty-printed JSON spans several lines. Raw CR and LF can only be whitespace between JSON tokens
     * (inside strings they must be escaped, and UTF-8 never uses those bytes within a character), so they
     * become spaces. Compact JSON, the usual case, is returned as the same array.
     */
    static byte[] onOneLine(byte[] json) {
        byte[] out = null;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                if (out == null) {
                    out = json.clone();
                }
                out[i] = ' ';
            }
        }
        return out == null ? json : out;
    }
}
