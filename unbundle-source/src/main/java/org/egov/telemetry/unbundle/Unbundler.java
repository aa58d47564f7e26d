package org.egov.telemetry.unbundle;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.TelemetryFields;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one batch into one record per event. Pure: no Kafka client, so every rule is unit-testable.
 * Every output record of a batch carries the batch's source offset, so Connect commits the batch only
 * together with all of its events.
 */
final class Unbundler {

    static final String STAGE = "unbundle";
    static final String SOURCE_TOPIC_HEADER = "telemetry.source.topic";
    static final String SOURCE_PARTITION_HEADER = "telemetry.source.partition";
    static final String SOURCE_OFFSET_HEADER = "telemetry.source.offset";
    static final String BATCH_MID_HEADER = "telemetry.batch.mid";

    private final String outputTopic;
    private final String failedTopic;

    Unbundler(String outputTopic, String failedTopic) {
        this.outputTopic = outputTopic;
        this.failedTopic = failedTopic;
    }

    static Map<String, Object> sourcePartition(String topic, int partition) {
        return Map.of("topic", topic, "partition", partition);
    }

    static Map<String, Object> sourceOffset(long offset) {
        return Map.of("offset", offset);
    }

    List<SourceRecord> unbundle(String topic, int partition, long offset, byte[] value, long timestamp) {
        Map<String, Object> sourcePartition = sourcePartition(topic, partition);
        Map<String, Object> sourceOffset = sourceOffset(offset);
        Headers base = new ConnectHeaders()
                .addString(SOURCE_TOPIC_HEADER, topic)
                .addInt(SOURCE_PARTITION_HEADER, partition)
                .addLong(SOURCE_OFFSET_HEADER, offset);
        if (value == null) {
            return List.of();
        }
        Map<String, Object> batch;
        try {
            batch = Json.parseObject(value);
        } catch (IOException e) {
            return List.of(failed(sourcePartition, sourceOffset, null, new String(value, StandardCharsets.UTF_8),
                    timestamp, base, "the batch is not a JSON object", ""));
        }
        Object batchMid = batch.get(TelemetryFields.MID);
        if (batchMid instanceof String mid) {
            base.addString(BATCH_MID_HEADER, mid);
        }
        if (!(batch.get(TelemetryFields.EVENTS) instanceof List<?> events)) {
            return List.of(failed(sourcePartition, sourceOffset, keyOf(batchMid), batch, timestamp, base,
                    "the batch has no 'events' array", "/events"));
        }
        Object syncts = batch.get(TelemetryFields.SYNCTS);
        List<SourceRecord> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Object element = events.get(i);
            if (!(element instanceof Map<?, ?> map)) {
                out.add(failed(sourcePartition, sourceOffset, keyOf(batchMid), element, timestamp, base,
                        "element " + i + " of 'events' is not a JSON object", "/events/" + i));
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> event = new HashMap<>((Map<String, Object>) map);
            if (syncts != null) {
                event.putIfAbsent(TelemetryFields.SYNCTS, syncts);
            }
            Object mid = event.get(TelemetryFields.MID);
            if (!(mid instanceof String) || ((String) mid).isBlank()) {
                // A deterministic id keeps replays idempotent downstream.
                mid = (batchMid instanceof String ? batchMid : topic + "-" + partition + "-" + offset) + "-" + i;
                event.put(TelemetryFields.MID, mid);
            }
            out.add(new SourceRecord(sourcePartition, sourceOffset, outputTopic, null, null, mid, null, event,
                    timestamp, base.duplicate()));
        }
        return out;
    }

    private SourceRecord failed(Map<String, Object> sourcePartition, Map<String, Object> sourceOffset, String key,
                                Object value, long timestamp, Headers base, String reason, String path) {
        return new SourceRecord(sourcePartition, sourceOffset, failedTopic, null, null, key, null, value, timestamp,
                ErrorHeaders.withError(base, STAGE, reason, path));
    }

    private static String keyOf(Object batchMid) {
        return batchMid instanceof String mid ? mid : null;
    }
}
