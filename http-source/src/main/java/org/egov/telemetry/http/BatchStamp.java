package org.egov.telemetry.http;

import org.egov.telemetry.core.TelemetryFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the edge adds to a batch before it goes to Kafka: the client's device, channel and app ids and its
 * User-Agent from its headers, a {@code mid} when the client sent none, and the server's receive time as
 * {@code syncts}. The User-Agent travels in the batch itself (besides the record header) so that the archive,
 * which keeps record values only, still has it when it is replayed.
 */
final class BatchStamp {

    static final String DEVICE_ID_HEADER = "x-device-id";
    static final String CHANNEL_ID_HEADER = "x-channel-id";
    static final String APP_ID_HEADER = "x-app-id";

    /** The fields the edge may set, in the order they come first in a stamped batch. */
    static final List<String> SERVER_FIELDS = List.of(TelemetryFields.SYNCTS, TelemetryFields.MID,
            TelemetryFields.DID, TelemetryFields.CHANNEL, TelemetryFields.PID, TelemetryFields.USERAGENT);

    private BatchStamp() {
    }

    /**
     * The batch as it goes to Kafka: the server's fields first ({@code syncts}, {@code mid}, then {@code did},
     * {@code channel}, {@code pid}, {@code useragent} when a header gives them), the client's fields after them in
     * their order. A
     * reader that streams the JSON for one of these fields, such as the S3 sink looking for {@code syncts} to
     * choose a folder, finds it before the events instead of after them.
     */
    static Map<String, Object> stamp(Map<String, Object> batch, String deviceId, String channelId, String appId,
                                     String userAgent, long now) {
        Map<String, Object> stamped = new LinkedHashMap<>(2 * (batch.size() + 6));
        stamped.put(TelemetryFields.SYNCTS, now);
        Object mid = batch.get(TelemetryFields.MID);
        stamped.put(TelemetryFields.MID, mid instanceof String text && !text.isBlank() ? text
                : UUID.randomUUID().toString());
        putIfPresent(stamped, TelemetryFields.DID, deviceId);
        putIfPresent(stamped, TelemetryFields.CHANNEL, channelId);
        putIfPresent(stamped, TelemetryFields.PID, appId);
        putIfPresent(stamped, TelemetryFields.USERAGENT, userAgent);
        batch.forEach(stamped::putIfAbsent);
        return stamped;
    }

    /** The client's message id: {@code params.msgid} when present, else the batch mid. */
    static String msgid(Map<String, Object> batch, String mid) {
        Object params = batch.get(TelemetryFields.PARAMS);
        if (params instanceof Map<?, ?> map && map.get(TelemetryFields.MSGID) instanceof String msgid) {
            return msgid;
        }
        return mid;
    }

    private static void putIfPresent(Map<String, Object> batch, String field, String value) {
        if (value != null && !value.isBlank()) {
            batch.put(field, value);
        }
    }
}
