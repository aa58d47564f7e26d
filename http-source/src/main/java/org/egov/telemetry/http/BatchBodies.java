package org.egov.telemetry.http;

import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a request body into the batch the edge hands to Connect. Stricter than a JSON parser on its own:
 * the body must be well-formed UTF-8 (RFC 8259 8.1; overlong forms and other encodings are refused rather
 * than silently reinterpreted). Integers beyond 64 bits, which Connect's JSON converter cannot write, become
 * their decimal text when the batch is frozen ({@link org.egov.telemetry.core.SerializedJsonObject}).
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
        return Json.parseObject(text);
    }
}
