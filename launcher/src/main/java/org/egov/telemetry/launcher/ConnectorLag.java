package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How far a connector is behind the topic it reads: the offsets Connect stored for it (REST offsets API) against
 * the topic's end offsets. Two shapes of stored offsets are understood: a sink's consumer-group offsets
 * ({@code kafka_topic}, {@code kafka_partition} → {@code kafka_offset}, the next record to read) and the unbundle
 * source's ({@code topic}, {@code partition} → {@code offset}, the last record read). Other connectors have no
 * input topic and so no lag.
 *
 * <p>Lag is counted in offsets, which include the transaction markers of topics written exactly once: an upper
 * bound of the records waiting.
 */
final class ConnectorLag implements AutoCloseable {

    private final Admin admin;

    ConnectorLag(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetry-stack-status");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        this.admin = Admin.create(props);
    }

    /** Lag by input topic, from a connector's stored offsets; empty when it has no input topic. */
    Map<String, Long> of(JsonNode storedOffsets) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Long> lag = new TreeMap<>();
        byPartition(storedOffsets).forEach((tp, behind) -> lag.merge(tp.topic(), behind, Long::sum));
        return lag;
    }

    /** Lag by input partition, from a connector's stored offsets; empty when it has no input topic. */
    Map<TopicPartition, Long> byPartition(JsonNode storedOffsets)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> next = new HashMap<>();
        for (JsonNode entry : storedOffsets.path("offsets")) {
            nextToRead(entry).ifPresent(e -> next.put(e.getKey(), e.getValue()));
        }
        Map<TopicPartition, Long> lag = new HashMap<>();
        if (next.isEmpty()) {
            return lag;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        next.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
        next.forEach((tp, offset) -> lag.put(tp, Math.max(0, ends.get(tp).offset() - offset)));
        return lag;
    }

    static Optional<Map.Entry<TopicPartition, Long>> nextToRead(JsonNode entry) {
        JsonNode partition = entry.path("partition");
        JsonNode offset = entry.path("offset");
        if (partition.hasNonNull("kafka_topic") && offset.hasNonNull("kafka_offset")) {
            return Optional.of(Map.entry(new TopicPartition(partition.get("kafka_topic").asText(),
                    partition.path("kafka_partition").asInt()), offset.get("kafka_offset").asLong()));
        }
        if (partition.hasNonNull("topic") && partition.has("partition") && offset.hasNonNull("offset")) {
            return Optional.of(Map.entry(new TopicPartition(partition.get("topic").asText(),
                    partition.get("partition").asInt()), offset.get("offset").asLong() + 1));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        admin.close();
    }
}
