package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One buffered record turned into what the bulk request needs: an {@code index}, {@code create} (data streams),
 * {@code update} (upsert) or {@code delete} action, or nothing to send ({@link Kind#SKIP}, e.g. an ignored null
 * value) but still an offset to acknowledge. The coordinates are the record's original ones, as Kafka's consumer
 * saw them, so topic-renaming SMTs cannot break offset tracking; the record itself is kept for the dead letter
 * queue.
 */
record BulkAction(Kind kind, String index, String id, byte[] source, SinkRecord record, TopicPartition partition,
                  long offset) {

    enum Kind { INDEX, CREATE, UPDATE, DELETE, SKIP }

    /** Bytes of action metadata per document, roughly, when adding up a request's size. */
    private static final int META_BYTES = 64;

    static BulkAction skip(SinkRecord record, TopicPartition partition, long offset) {
        return new BulkAction(Kind.SKIP, null, null, null, record, partition, offset);
    }

    boolean sends() {
        return kind != Kind.SKIP;
    }

    /** What identifies a document on the node: writes to the same target must not be reordered. */
    record Target(String index, String id) {
    }

    Target target() {
        return new Target(index, id);
    }

    long sizeInBytes() {
        return (source == null ? 0 : source.length) + (id == null ? 0 : id.length()) + META_BYTES;
    }

    /** Coordinates for logs and errors: never the document's contents. */
    String coordinates() {
        return partition.topic() + "/" + partition.partition() + "@" + offset;
    }
}
