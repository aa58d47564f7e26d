package org.egov.telemetry.es;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;

import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
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

    private final LongAdder indexed = new LongAdder();
    private final LongAdder bulkRequests = new LongAdder();
    private final LongAdder itemRetries = new LongAdder();
    private final LongAdder rejections = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    /** Bulk request times; null without plugin metrics. */
    private final Sensor latency;

    ElasticsearchSinkMetrics(PluginMetrics metrics) {
        if (metrics == null) {
            latency = null;
            return;
        }
        register(metrics, INDEXED, "Documents the node acknowledged (indexed, upserted or deleted)", indexed);
        register(metrics, BULK_REQUESTS, "Bulk requests sent, retries included", bulkRequests);
        register(metrics, ITEM_RETRIES, "Documents sent again after the node rejected them or an earlier write "
                + "of the same id", itemRetries);
        register(metrics, REJECTIONS, "Documents the node rejected for lack of capacity: items answered 429, 503 "
                + "or rejected execution, and each document of a request answered 429", rejections);
        register(metrics, MALFORMED, "Records the node refused as malformed or that could not become documents, "
                + "whatever behavior.on.malformed.documents then did", malformed);
        register(metrics, DLQ, "Records handed to the dead letter queue", deadLettered);
        MetricName avg = name(metrics, LATENCY_AVG, "Mean time from sending a bulk request to its answer, ms");
        // Sensors live in the worker's one registry: the task's tags make the name unique to this task.
        latency = metrics.addSensor(LATENCY_AVG + avg.tags());
        latency.add(avg, new Avg());
        latency.add(name(metrics, LATENCY_MAX, "Longest time from sending a bulk request to its answer, ms"),
                new Max());
    }

    private static void register(PluginMetrics metrics, String name, String doc, LongAdder counter) {
        metrics.addMetric(name(metrics, name, doc), (Measurable) (config, now) -> counter.sum());
    }

    private static MetricName name(PluginMetrics metrics, String name, String doc) {
        return metrics.metricName(name, doc, new LinkedHashMap<>());
    }

    /** One bulk request ended, answered or not, after {@code nanos}. */
    void bulkRequest(long nanos) {
        bulkRequests.increment();
        if (latency != null) {
            latency.record((double) nanos / TimeUnit.MILLISECONDS.toNanos(1));
        }
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
