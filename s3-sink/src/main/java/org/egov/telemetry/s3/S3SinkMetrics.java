package org.egov.telemetry.s3;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the task uploads and how its uploads go, as Kafka plugin metrics (group {@code plugins}, tagged with
 * the connector and task by Connect). Upload threads record into it. Without plugin metrics it only counts.
 */
final class S3SinkMetrics {

    static final String RECORDS = "records-written-total";
    static final String BYTES = "bytes-uploaded-total";
    static final String OBJECTS = "objects-uploaded-total";
    static final String LATENCY_AVG = "upload-latency-avg-ms";
    static final String LATENCY_MAX = "upload-latency-max-ms";
    static final String RETRIES = "upload-retries-total";
    static final String FAILURES = "upload-failures-total";

    private final LongAdder records;
    private final LongAdder bytes;
    private final LongAdder objects;
    private final LongAdder retries;
    private final LongAdder failures;
    private final PluginMeters.Latency latency;

    S3SinkMetrics(PluginMetrics metrics) {
        PluginMeters meters = new PluginMeters(metrics);
        records = meters.counter(RECORDS, "Records in the objects uploaded");
        bytes = meters.counter(BYTES, "Bytes of the objects uploaded, as stored (after compression)");
        objects = meters.counter(OBJECTS, "Objects uploaded");
        retries = meters.counter(RETRIES, "Uploads of a batch started again after an attempt failed");
        failures = meters.counter(FAILURES, "Upload attempts that failed after the S3 client's own request retries");
        latency = meters.latency(LATENCY_AVG, "Mean time to upload one object, ms",
                LATENCY_MAX, "Longest time to upload one object, ms");
    }

    /** One object is uploaded; {@code nanos} is how long its upload took. */
    void uploaded(int recordCount, long byteCount, long nanos) {
        records.add(recordCount);
        bytes.add(byteCount);
        objects.increment();
        latency.record(nanos);
    }

    void retry() {
        retries.increment();
    }

    void failure() {
        failures.increment();
    }

    long records() {
        return records.sum();
    }

    long bytes() {
        return bytes.sum();
    }

    long objects() {
        return objects.sum();
    }

    long retries() {
        return retries.sum();
    }

    long failures() {
        return failures.sum();
    }
}
