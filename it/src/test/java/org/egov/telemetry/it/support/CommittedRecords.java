package org.egov.telemetry.it.support;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything committed to a topic so far, read from the start with a {@code read_committed} consumer. */
public final class CommittedRecords {

    private CommittedRecords() {
    }

    public static List<ConsumerRecord<byte[], byte[]>> readAll(EmbeddedKafkaCluster kafka, String topic) {
        Map<String, Object> props = Map.of("group.id", "it-" + UUID.randomUUID(),
                "isolation.level", "read_committed", "enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.createConsumer(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, the end offsets are the last stable offsets: nothing of an open transaction.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("could not read " + topic + " up to " + end);
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
