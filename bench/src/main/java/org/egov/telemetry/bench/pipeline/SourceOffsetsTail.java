package org.egov.telemetry.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One source connector's committed offsets, read by tailing the worker's offsets topic: each call reads only
 * what was written since the last one.
 *
 * <p>Connect's REST {@code GET /connectors/NAME/offsets} answers the same question, but for a source connector
 * the worker reads its whole offsets topic from the beginning on every call. Polled once a second under load,
 * that cost the worker more CPU than the unbundle task itself, so the benchmark measured itself.
 */
final class SourceOffsetsTail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String connector;
    private final Map<JsonNode, JsonNode> latest = new HashMap<>();

    SourceOffsetsTail(String bootstrap, String offsetsTopic, String connector) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.connector = connector;
        List<TopicPartition> partitions = consumer.partitionsFor(offsetsTopic).stream()
                .map(p -> new TopicPartition(offsetsTopic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The sum of a numeric field over the connector's latest offset for each of its source partitions. */
    long sum(String field) throws IOException {
        catchUp();
        long sum = 0;
        for (JsonNode offset : latest.values()) {
            sum += offset.path(field).asLong();
        }
        return sum;
    }

    private void catchUp() throws IOException {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.key() == null) {
                    continue;
                }
                JsonNode key = JSON.readTree(r.key());
                if (!key.isArray() || !connector.equals(key.path(0).asText())) {
                    continue;
                }
                JsonNode partition = key.path(1);
                if (r.value() == null) {
                    latest.remove(partition);
                } else {
                    latest.put(partition, JSON.readTree(r.value()));
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
