package org.egov.telemetry.core;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;

/** Reading an assigned consumer's partitions up to the end they had when the read began. */
public final class ConsumerCatchUp {

    private ConsumerCatchUp() {
    }

    /**
     * Hands every record up to the current end of each assigned partition to {@code each}, for at most
     * {@code budget}; what is left is read by the next call.
     */
    public static <K, V> void readToEnd(Consumer<K, V> consumer, Duration budget,
                                        java.util.function.Consumer<ConsumerRecord<K, V>> each) {
        long deadline = System.nanoTime() + budget.toNanos();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() - deadline < 0) {
            for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(100))) {
                each.accept(r);
            }
        }
    }
}
