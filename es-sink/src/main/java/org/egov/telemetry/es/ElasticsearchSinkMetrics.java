package org.egov.telemetry.es;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the node acknowledged, pushed back on or refused, and what went to the dead letter queue, as Kafka
 * plugin metrics (group {@code plugins}, tagged with the connector and task by Connect). The bulk threads record
 * into it. Without plugin metrics it only counts.
 */
final class ElasticsearchSinkMetrics {

    static final String INDEXED = "documents-indexed-total";
    static final String BULK_REQUESTS = "bulk-requests-total";
    static final String LATENCY_AVG = "bulk-latency-avg-ms";
    static final String LATENCY_MAX = "bulk-latency-max-ms";
    static final String ITEM_RETRIES = "item-retries-total";
    static final String REJECTIONS = "rejections-total";
    static final String MALFORMED = "malformed-documents-total";
    static final String DLQ = "dlq-records-total";

    private final LongAdder indexed;
    private final LongAdder bulkRequests;
    private final LongAdder itemRetries;
    private final LongAdder rejections;
    private final LongAdder malformed;
    private final LongAdder deadLettered;
    private final PluginMeters.Latency latency;

    ElasticsearchSinkMetrics(PluginMetrics metrics) {
        PluginMeters meters = new PluginMeters(metrics);
        indexed = meters.counter(INDEXED, "Documents the node acknowledged (indexed, upserted or deleted)");
        bulkRequests = meters.counter(BULK_REQUESTS, "Bulk requests sent, retries included");
        itemRetries = meters.counter(ITEM_RETRIES, "Documents sent again after the node rejected them or an "
                + "earlier write of the same id");
        rejections = meters.counter(REJECTIONS, "Documents the node rejected for lack of capacity: items answered "
                + "429, 503 or rejected execution, and each document of a request answered 429");
        malformed = meters.counter(MALFORMED, "Records the node refused as malformed or that could not become "
                + "documents, whatever behavior.on.malformed.documents then did");
        deadLettered = meters.counter(DLQ, "Records handed to the dead letter queue");
        latency = meters.latency(LATENCY_AVG, "Mean time from sending a bulk request to its answer, ms",
                LATENCY_MAX, "Longest time from sending a bulk request to its answer, ms");
    }

    /** One bulk request ended, answered or not, after {@code nanos}. */
    void bulkRequest(long nanos) {
        bulkRequests.increment();
        latency.record(nanos);
    }

    void indexed() {
        indexed.increment();
    }

    void rejected(int documents) {
        rejections.add(documents);
    }

    void retried(int documents) {
        itemRetries.add(documents);
    }

    void malformed() {
        malformed.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    long documentsIndexed() {
        return indexed.sum();
    }

    long bulkRequests() {
        return bulkRequests.sum();
    }

    long itemRetries() {
        return itemRetries.sum();
    }

    long rejections() {
        return rejections.sum();
    }

    long malformedDocuments() {
        return malformed.sum();
    }

    long deadLetteredRecords() {
        return deadLettered.sum();
    }
}
