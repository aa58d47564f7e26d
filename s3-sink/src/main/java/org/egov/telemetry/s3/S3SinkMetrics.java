package org.egov.telemetry.s3;

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

    private final LongAdder records = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder objects = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    /** Upload times; null without plugin metrics. */
    private final Sensor latency;

    S3SinkMetrics(PluginMetrics metrics) {
        if (metrics == null) {
            latency = null;
            return;
        }
        register(metrics, RECORDS, "Records in the objects uploaded", records);
        register(metrics, BYTES, "Bytes of the objects uploaded, as stored (after compression)", bytes);
        register(metrics, OBJECTS, "Objects uploaded", objects);
        register(metrics, RETRIES, "Uploads of a batch started again after an attempt failed", retries);
        register(metrics, FAILURES, "Upload attempts that failed after the S3 client's own request retries",
                failures);
        MetricName avg = name(metrics, LATENCY_AVG, "Mean time to upload one object, ms");
        // Sensors live in the worker's one registry: the task's tags make the name unique to this task.
        latency = metrics.addSensor(LATENCY_AVG + avg.tags());
        latency.add(avg, new Avg());
        latency.add(name(metrics, LATENCY_MAX, "Longest time to upload one object, ms"), new Max());
    }

    private static void register(PluginMetrics metrics, String name, String doc, LongAdder counter) {
        metrics.addMetric(name(metrics, name, doc), (Measurable) (config, now) -> counter.sum());
    }

    private static MetricName name(PluginMetrics metrics, String name, String doc) {
        return metrics.metricName(name, doc, new LinkedHashMap<>());
    }

    /** One object is uploaded; {@code nanos} is how long its upload took. */
    void uploaded(int recordCount, long byteCount, long nanos) {
        records.add(recordCount);
        bytes.add(byteCount);
        objects.increment();
        if (latency != null) {
            latency.record((double) nanos / TimeUnit.MILLISECONDS.toNanos(1));
        }
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
