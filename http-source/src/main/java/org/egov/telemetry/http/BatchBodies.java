package org.egov.telemetry.http;

import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * Turns a request body into the batch the edge hands to Connect. Stricter than a JSON parser on its own:
 * the body must be well-formed UTF-8 (RFC 8259 8.1; overlong forms and other encodings are refused rather
 * than silently reinterpreted), and integers beyond 64 bits, which Connect's JSON converter cannot write,
 * are kept as their decimal text.
 */
final class BatchBodies {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private BatchBodies() {
    }

    /** @throws IOException when the body is not UTF-8 or not a JSON object */
    static Map<String, Object> parse(byte[] body) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the body is not valid UTF-8", e);
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        Map<String, Object> batch = Json.parseObject(text);
        replaceBigIntegers(batch);
        return batch;
    }

    @SuppressWarnings("unchecked")
    private static void replaceBigIntegers(Map<String, Object> map) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof BigInteger big) {
                entry.setValue(big.toString());
            } else if (value instanceof Map) {
                replaceBigIntegers((Map<String, Object>) value);
            } else if (value instanceof List) {
                replaceBigIntegers((List<Object>) value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void replaceBigIntegers(List<Object> list) {
        for (ListIterator<Object> it = list.listIterator(); it.hasNext(); ) {
            Object value = it.next();
            if (value instanceof BigInteger big) {
                it.set(big.toString());
            } else if (value instanceof Map) {
                replaceBigIntegers((Map<String, Object>) value);
            } else if (value instanceof List) {
                replaceBigIntegers((List<Object>) value);
            }
        }
    }
}
