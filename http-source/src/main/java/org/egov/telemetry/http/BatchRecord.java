package org.egov.telemetry.http;

import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A batch handed to Connect, carrying the future its HTTP request waits on. Connect gives this very
 * instance back to {@code SourceTask.commitRecord} once the record is written (or dropped by an SMT).
 */
final class BatchRecord extends SourceRecord {

    private final CompletableFuture<Void> written = new CompletableFuture<>();
    private final long receivedNanos = System.nanoTime();

    BatchRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                String key, Map<String, Object> value, long timestamp, Headers headers) {
        super(sourcePartition, sourceOffset, topic, null, null, key, null, value, timestamp, headers);
    }

    CompletableFuture<Void> written() {
        return written;
    }

    /** Answers the waiting client 503: the task stops before Kafka confirmed this batch it handed to Connect. */
    void abandon() {
        written.completeExceptionally(new Abandoned());
    }

    long receivedNanos() {
        return receivedNanos;
    }

    // Connect keys its bookkeeping of records awaiting commit by the record; two clients may send equal
    // batches, and each must get its own acknowledgement, so a batch is only ever equal to itself.
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** Why a batch Connect took was given up: it may still be written, so the client's resend may be a duplicate. */
    static final class Abandoned extends Exception {
        Abandoned() {
            super("the task stopped before Kafka confirmed the batch", null, false, false);
        }
    }
}
