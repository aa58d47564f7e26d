package org.egov.telemetry.http;

import org.apache.kafka.connect.source.SourceRecord;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A batch handed to Connect, carrying the future its HTTP request waits on. Connect gives this very
 * instance back to {@code SourceTask.commitRecord} once the record is written (or dropped by an SMT).
 */
final class BatchRecord extends SourceRecord {

    private final CompletableFuture<Void> written = new CompletableFuture<>();

    BatchRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic,
                String key, Map<String, Object> value, long timestamp) {
        super(sourcePartition, sourceOffset, topic, null, null, key, null, value, timestamp);
    }

    CompletableFuture<Void> written() {
        return written;
    }
}
