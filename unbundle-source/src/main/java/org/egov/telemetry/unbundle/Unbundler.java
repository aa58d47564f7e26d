package org.egov.telemetry.unbundle;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ClientHeaders;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.TelemetryFields;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one batch into one record per event. Pure: no Kafka client, so every rule is unit-testable.
 * Every output record of a batch carries the batch's source offset, so Connect commits the batch only
 * together with all of its events.
 */
public final class Unbundler {

    static final String STAGE = "unbundle";
    static final String SOURCE_TOPIC_HEADER = "telemetry.source.topic";
    static final String SOURCE_PARTITION_HEADER = "telemetry.source.partition";
    static final String SOURCE_OFFSET_HEADER = "telemetry.source.offset";
    static final String BATCH_MID_HEADER = "telemetry.batch.mid";
    /** Event field that receives the mid of the batch the event came in. */
    static final String BATCH_MID_FIELD = "batchmid";

    /** Batch fields copied into every event that lacks them. */
    private static final String[] CARRIED = {
        TelemetryFields.SYNCTS, TelemetryFields.DID, TelemetryFields.CHANNEL, TelemetryFields.PID};

    /** Room for the carried fields when a whole batch is compared with the event size limit. */
    private static final int CARRIED_ALLOWANCE = 512;

    private final String outputTopic;
    private final String failedTopic;
    private final int maxEventBytes;

    public Unbundler(String outputTopic, String failedTopic, int maxEventBytes) {
        this.outputTopic = outputTopic;
        this.failedTopic = failedTopic;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * The source partition of an input topic-partition. Connect finds a stored offset by the JSON of this map, so
     * its fields must come in the same order in every JVM: sorted by name (which is also the order Connect's REST
     * offsets API writes these two in), while {@code Map.of}'s order changes from one JVM start to the next.
     */
    static Map<String, Object> sourcePartition(String topic, int partition) {
        Map<String, Object> key = new TreeMap<>();
        key.put("topic", topic);
        key.put("partition", partition);
        return key;
    }

    /**
     * The same source partition with the fields in the other order, in which earlier versions wrote it about
     * half of the time; looked up too when a task resumes, so their offsets are not lost.
     */
    static Map<String, Object> earlierSourcePartition(String topic, int partition) {
        Map<String, Object> key = new LinkedHashMap<>(4);
        Map<String, Object> current = sourcePartition(topic, partition);
        List<String> names = new ArrayList<>(current.keySet());
        Collections.reverse(names);
        names.forEach(name -> key.put(name, current.get(name)));
        return key;
    }

    static Map<String, Object> sourceOffset(long offset) {
        return Map.of("offset", offset);
    }

    List<SourceRecord> unbundle(String topic, int partition, long offset, byte[] value, long timestamp) {
        return unbundle(topic, partition, offset, value, timestamp, List.of());
    }

    /**
     * @param inputHeaders the batch record's headers (e.g. the client's User-Agent from the HTTP edge); they
     *                     are carried into every output record as UTF-8 strings
     */
    public List<SourceRecord> unbundle(String topic, int partition, long offset, byte[] value, long timestamp,
                                Iterable<org.apache.kafka.common.header.Header> inputHeaders) {
        if (value == null) {
            return List.of();
        }
        Map<String, Object> sourcePartition = sourcePartition(topic, partition);
        Map<String, Object> sourceOffset = sourceOffset(offset);
        Headers base = new ConnectHeaders();
        for (org.apache.kafka.common.header.Header header : inputHeaders) {
            if (header.value() != null) {
                base.addString(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        base.remove(SOURCE_TOPIC_HEADER).remove(SOURCE_PARTITION_HEADER).remove(SOURCE_OFFSET_HEADER)
                .remove(BATCH_MID_HEADER)
                .addString(SOURCE_TOPIC_HEADER, topic)
                .addInt(SOURCE_PARTITION_HEADER, partition)
                .addLong(SOURCE_OFFSET_HEADER, offset);
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
        // A batch read back from the archive has lost its record headers, not the User-Agent the edge stamped
        if (base.lastWithName(ClientHeaders.USER_AGENT) == null
                && batch.get(TelemetryFields.USERAGENT) instanceof String userAgent && !userAgent.isBlank()) {
            base.addString(ClientHeaders.USER_AGENT, userAgent);
        }
        if (!(batch.get(TelemetryFields.EVENTS) instanceof List<?> events)) {
            return List.of(failed(sourcePartition, sourceOffset, keyOf(batchMid), batch, timestamp, base,
                    "the batch has no 'events' array", "/events"));
        }
        boolean mayBeTooLarge = value.length + CARRIED_ALLOWANCE > maxEventBytes;
        List<SourceRecord> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Object element = events.get(i);
            if (!(element instanceof Map<?, ?> map)) {
                out.add(failed(sourcePartition, sourceOffset, keyOf(batchMid), element, timestamp, base,
                        "element " + i + " of 'events' is not a JSON object", "/events/" + i));
                continue;
            }
            // The batch was parsed just now, so its events belong to this method alone.
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) map;
            carry(batch, event);
            Object mid = event.get(TelemetryFields.MID);
            if (!(mid instanceof String) || ((String) mid).isBlank()) {
                // A deterministic id keeps replays idempotent downstream.
                mid = (batchMid instanceof String ? batchMid : topic + "-" + partition + "-" + offset) + "-" + i;
                event.put(TelemetryFields.MID, mid);
            }
            if (mayBeTooLarge) {
                int size = Json.toBytes(event).length;
                if (size > maxEventBytes) {
                    out.add(failed(sourcePartition, sourceOffset, (String) mid, event, timestamp, base,
                            "event " + i + " has " + size + " bytes, more than max.event.bytes=" + maxEventBytes,
                            "/events/" + i));
                    continue;
                }
            }
            out.add(new SourceRecord(sourcePartition, sourceOffset, outputTopic, null, null, mid, null, event,
                    timestamp, base.duplicate()));
        }
        return out;
    }

    private static void carry(Map<String, Object> batch, Map<String, Object> event) {
        for (String field : CARRIED) {
            Object value = batch.get(field);
            if (value != null) {
                event.putIfAbsent(field, value);
            }
        }
        Object batchMid = batch.get(TelemetryFields.MID);
        if (batchMid != null) {
            event.putIfAbsent(BATCH_MID_FIELD, batchMid);
        }
    }

    private SourceRecord failed(Map<String, Object> sourcePartition, Map<String, Object> sourceOffset, String key,
                                Object value, long timestamp, Headers base, String reason, String path) {
        return new SourceRecord(sourcePartition, sourceOffset, failedTopic, null, null, key, null, value, timestamp,
                ErrorHeaders.withError(base, STAGE, reason, path));
    }

    boolean isFailure(SourceRecord record) {
        return failedTopic.equals(record.topic());
    }

    private static String keyOf(Object batchMid) {
        return batchMid instanceof String mid ? mid : null;
    }
}
