package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;

/**
 * One buffered record turned into what the bulk request needs: an {@code index} or {@code delete} action, or
 * nothing to send ({@link Kind#SKIP}, e.g. an ignored null value) but still an offset to acknowledge.
 * The coordinates are the record's original ones, as Kafka's consumer saw them.
 */
record BulkAction(Kind kind, String index, String id, byte[] source, TopicPartition partition, long offset) {

    enum Kind { INDEX, DELETE, SKIP }

    static BulkAction skip(TopicPartition partition, long offset) {
        return new BulkAction(Kind.SKIP, null, null, null, partition, offset);
    }

    boolean sends() {
        return kind != Kind.SKIP;
    }

    /** Coordinates for logs and errors: never the document's contents. */
    String coordinates() {
        return partition.topic() + "/" + partition.partition() + "@" + offset;
    }
}
