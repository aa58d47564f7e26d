package org.egov.telemetry.http;

import org.egov.telemetry.core.Json;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON text of a stamped batch made from the client's own bytes: the server's fields, then the body exactly
 * as the client sent it, so the archive keeps what was received byte for byte (numbers as spelled, escapes,
 * spacing) and the edge does not serialise the batch again. Only a byte-order mark, the whitespace around the
 * object and the object's opening brace are left out.
 */
final class StampedBytes {

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StampedBytes() {
    }

    /**
     * @param stamped the batch as {@link BatchStamp#stamp} made it: the server's fields first, then the client's
     * @param client  the batch as parsed from {@code body}
     * @param body    the request body, well-formed UTF-8 JSON holding one object
     * @return the text, or null when the server's fields cannot simply be put in front: the client sent one of
     *         {@link BatchStamp#SERVER_FIELDS} itself, or the body is not laid out as expected
     */
    static byte[] of(Map<String, Object> stamped, Map<String, Object> client, byte[] body) {
        int mark = BYTE_ORDER_MARK.length;
        int start = body.length >= mark && Arrays.equals(body, 0, mark, BYTE_ORDER_MARK, 0, mark) ? mark : 0;
        start = skipWhitespace(body, start);
        int end = body.length;
        while (end > start && isWhitespace(body[end - 1])) {
            end--;
        }
        if (start >= end || body[start] != '{' || body[end - 1] != '}') {
            return null;
        }
        Map<String, Object> server = new LinkedHashMap<>();
        for (String name : BatchStamp.SERVER_FIELDS) {
            if (client.containsKey(name)) {
                return null;
            }
            if (stamped.containsKey(name)) {
                server.put(name, stamped.get(name));
            }
        }
        byte[] head = Json.toBytes(server);
        boolean emptyObject = body[skipWhitespace(body, start + 1)] == '}';
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + end - start);
        out.write(head, 0, head.length - 1);           // without its closing brace
        if (!emptyObject) {
            out.write(',');
        }
        out.write(body, start + 1, end - start - 1);   // the client's object after its opening brace
        return out.toByteArray();
    }

    private static int skipWhitespace(byte[] body, int from) {
        int i = from;
        while (i < body.length && isWhitespace(body[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
