package org.egov.telemetry.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.connect.errors.DataException;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A record value as one line of NDJSON (without the newline), which is what both sinks write: JSON that
 * arrives as {@code byte[]} or {@code String} goes through as it is, a {@code Map} is serialised once.
 */
public final class JsonLines {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long EVERY_BYTE_LF = '\n' * LOW_BITS;
    private static final long EVERY_BYTE_CR = '\r' * LOW_BITS;

    private JsonLines() {
    }

    /**
     * @param purpose what the caller does with the line, for the error message (e.g. "indexing")
     * @return the line, or {@code null} when the value is null, empty or blank
     * @throws DataException naming the purpose and the type found when the value is not JSON text or a map
     */
    public static byte[] toLine(Object value, String purpose) {
        return line(value, purpose, false);
    }

    /**
     * Like {@link #toLine}, and JSON text must also be exactly one well-formed JSON value. One pass of Jackson's
     * tokenizer does both jobs: it counts the line breaks it skips between tokens (inside strings they would be
     * invalid), so the bytes are rewritten only when it met one.
     *
     * @throws DataException when the value is not one JSON value, naming only where (never the contents)
     */
    public static byte[] toCheckedLine(Object value, String purpose) {
        return line(value, purpose, true);
    }

    private static byte[] line(Object value, String purpose, boolean checked) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return Json.toBytes(map);
        }
        byte[] json;
        if (value instanceof byte[] bytes) {
            json = bytes;
        } else if (value instanceof String text) {
            json = text.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new DataException("Only Map, String or byte[] JSON values are supported for " + purpose
                    + ", found " + value.getClass().getName() + "; use a JsonConverter with schemas.enable=false, "
                    + "a StringConverter or a ByteArrayConverter");
        }
        if (isBlank(json)) {
            return null;
        }
        return checked && requireOneJsonValue(json) == 1 ? json : onOneLine(json);
    }

    /** @return the number of the last line the tokenizer reached: above 1 when the text holds a line break */
    private static int requireOneJsonValue(byte[] json) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new DataException("The value is not one JSON value: more follows at column "
                        + parser.currentLocation().getColumnNr());
            }
            return parser.currentLocation().getLineNr();
        } catch (JsonProcessingException e) {
            // the location only: the message would quote the record's contents
            throw new DataException("The value is not JSON: invalid at byte " + e.getLocation().getByteOffset(), e);
        } catch (IOException e) {
            throw new DataException("The value is not JSON", e);
        }
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
        int first = firstLineBreak(json);
        if (first < 0) {
            return json;
        }
        byte[] out = json.clone();
        for (int i = first; i < out.length; i++) {
            if (out[i] == '\n' || out[i] == '\r') {
                out[i] = ' ';
            }
        }
        return out;
    }

    /** The index of the first CR or LF, or -1; reads eight bytes at a time, as this runs for every record written. */
    static int firstLineBreak(byte[] bytes) {
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            if (hasZeroByte(word ^ EVERY_BYTE_LF) || hasZeroByte(word ^ EVERY_BYTE_CR)) {
                break;
            }
        }
        for (; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** Whether one of the eight bytes of {@code word} is zero (the classic test from "Bit Twiddling Hacks"). */
    private static boolean hasZeroByte(long word) {
        return ((word - LOW_BITS) & ~word & HIGH_BITS) != 0;
    }
}
