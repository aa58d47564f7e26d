package org.egov.telemetry.http;

import org.egov.telemetry.core.TelemetryFields;

import java.util.Map;
import java.util.UUID;

/**
 * What the edge adds to a batch before it goes to Kafka: the client's device, channel and app ids from its
 * headers, a {@code mid} when the client sent none, and the server's receive time as {@code syncts}.
 */
final class BatchStamp {

    static final String DEVICE_ID_HEADER = "x-device-id";
    static final String CHANNEL_ID_HEADER = "x-channel-id";
    static final String APP_ID_HEADER = "x-app-id";

    private BatchStamp() {
    }

    /** Stamps {@code batch} in place (it is the edge's own freshly parsed copy) and returns its mid. */
    static String stamp(Map<String, Object> batch, String deviceId, String channelId, String appId, long now) {
        putIfPresent(batch, TelemetryFields.DID, deviceId);
        putIfPresent(batch, TelemetryFields.CHANNEL, channelId);
        putIfPresent(batch, TelemetryFields.PID, appId);
        Object mid = batch.get(TelemetryFields.MID);
        if (!(mid instanceof String) || ((String) mid).isBlank()) {
            mid = UUID.randomUUID().toString();
            batch.put(TelemetryFields.MID, mid);
        }
        batch.put(TelemetryFields.SYNCTS, now);
        return (String) mid;
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
