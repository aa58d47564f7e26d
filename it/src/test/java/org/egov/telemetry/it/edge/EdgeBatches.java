package org.egov.telemetry.it.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** Sunbird SDK-shaped batches ({@code params.msgid}, INTERACT events) built from {@code edge/sunbird-event.json}. */
public final class EdgeBatches {

    private static final String EVENT = resource("/edge/sunbird-event.json").replaceAll("\\s*\\n\\s*", "");

    private EdgeBatches() {
    }

    /** A batch of {@code events} events (about 660 bytes each) whose params.msgid is {@code msgid}. */
    public static byte[] batch(String msgid, String deviceId, int events) {
        StringJoiner list = new StringJoiner(",", "[", "]");
        for (int i = 0; i < events; i++) {
            list.add(EVENT.replace("${mid}", msgid + "-" + i).replace("${did}", deviceId));
        }
        return ("{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"" + msgid + "\"},"
                + "\"ets\":1764300100000,\"events\":" + list + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String resource(String name) {
        try (InputStream in = EdgeBatches.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
