package org.egov.telemetry.it.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads what the connectors under test wrote, as a read_committed consumer would. */
final class TopicReader {

    private static final long WAIT_MS = 60_000;

    private TopicReader() {
    }

    /**
     * Reads {@code topic} from the start until it holds {@code expected} records (or a minute passes), then
     * one more second, so that a record too many is seen as well.
     */
    static List<ConsumerRecord<byte[], byte[]>> read(EmbeddedKafkaCluster kafka, String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Map<String, Object> props = Map.of("group.id", "it-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumerAndSubscribeTo(props, topic)) {
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(found::add);
        }
        return found;
    }

    static Map<String, Object> value(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.parseObject(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapAt(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }
}
