package org.egov.telemetry.s3;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.egov.telemetry.core.Json;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a record value into one NDJSON line (without the newline). JSON that arrives as {@code byte[]} or
 * {@code String} is written through as it is; a {@code Map} is serialised once.
 */
final class RecordLines {

    private RecordLines() {
    }

    /**
     * @return the line, or {@code null} when the value is null or empty (see behavior.on.null.values)
     * @throws DataException naming the type found when the value cannot be written as a JSON line
     */
    static byte[] toLine(Object value) {
        if (value == null) {
            return null;
        }
        byte[] bytes;
        if (value instanceof byte[] raw) {
            bytes = raw;
        } else if (value instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof Map<?, ?> map) {
            return Json.toBytes(map);
        } else if (value instanceof Struct) {
            throw new DataException("Struct values are not supported by the S3 sink yet; use a JsonConverter with "
                    + "schemas.enable=false, a StringConverter or a ByteArrayConverter");
        } else {
            throw new DataException("Only Map, String or byte[] JSON values are supported for writing NDJSON to S3, found "
                    + value.getClass().getName());
        }
        return bytes.length == 0 ? null : onOneLine(bytes);
    }

    /**
     * Pretty-printed JSON would span several lines. Raw CR and LF can only be whitespace between JSON tokens
     * (inside strings they must be escaped, and UTF-8 never uses those bytes within a character), so they
     * become spaces. Compact JSON, the usual case, is returned as the same array.
     */
    private static byte[] onOneLine(byte[] json) {
        int first = indexOfLineBreak(json);
        if (first < 0) {
            return json;
        }
        byte[] copy = json.clone();
        for (int i = first; i < copy.length; i++) {
            if (copy[i] == '\n' || copy[i] == '\r') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    private static int indexOfLineBreak(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }
}
