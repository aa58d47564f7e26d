package org.egov.telemetry.es;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per original topic partition, the next offset to commit: one past the last record whose document the search
 * node acknowledged with every earlier record of that partition acknowledged too.
 */
final class OffsetTracker {

    private final Map<TopicPartition, Long> next = new HashMap<>();

    /** Records the outcome of one batch; {@code acknowledged[i]} belongs to {@code batch.get(i)}. */
    void acknowledge(List<BulkAction> batch, boolean[] acknowledged) {
        Set<TopicPartition> blocked = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            BulkAction action = batch.get(i);
            if (blocked.contains(action.partition())) {
                continue;
            }
            if (acknowledged[i]) {
                next.merge(action.partition(), action.offset() + 1, Math::max);
            } else {
                blocked.add(action.partition());
            }
        }
    }

    /** Offsets to commit for the partitions in {@code assigned} that have acknowledged records. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Long offset = next.get(partition);
            if (offset != null) {
                offsets.put(partition, new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(next::remove);
    }
}
