package org.egov.telemetry.es;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per original topic partition, the offsets of records not yet acknowledged and the next offset to commit: the
 * lowest unacknowledged offset, or one past the last record seen when all are acknowledged. Bulk requests finish
 * in any order; a partition's committed offset never passes a record whose document is not on the node.
 * Used on the task thread only.
 */
final class OffsetTracker {

    private static final class Partition {
        private final TreeSet<Long> pending = new TreeSet<>();
        private long next = -1;
        private long start = -1;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    void buffered(TopicPartition partition, long offset) {
        Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
        state.pending.add(offset);
        if (state.start < 0) {
            state.start = offset;
        }
        state.next = Math.max(state.next, offset + 1);
    }

    void acknowledged(TopicPartition partition, long offset) {
        Partition state = partitions.get(partition);
        if (state != null) {
            state.pending.remove(offset);
        }
    }

    /** Offsets to commit for the partitions in {@code assigned} that have acknowledged records. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> assigned) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : assigned) {
            Partition state = partitions.get(partition);
            long commit = state == null ? -1 : state.pending.isEmpty() ? state.next : state.pending.first();
            if (state != null && commit > state.start) {
                offsets.put(partition, new OffsetAndMetadata(commit));
            }
        }
        return offsets;
    }

    void forget(Collection<TopicPartition> revoked) {
        revoked.forEach(partitions::remove);
    }
}
