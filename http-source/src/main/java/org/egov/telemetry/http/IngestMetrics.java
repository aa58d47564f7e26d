package org.egov.telemetry.http;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.apache.kafka.common.metrics.stats.Rate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's metrics, registered through Connect's plugin metrics (so they carry the connector and task
 * tags and appear in JMX with the worker's other metrics): requests, accepted batches, events and bytes,
 * rejections by reason, acknowledgement latency, and what is in flight.
 */
final class IngestMetrics {

    private final PluginMetrics metrics;
    private final String sensorPrefix;
    private final Sensor requests;
    private final Sensor batches;
    private final Sensor events;
    private final Sensor bytes;
    private final Sensor ackLatency;
    private final Map<String, Sensor> rejections = new ConcurrentHashMap<>();

    /**
     * @param metrics the task's plugin metrics, or null to record nothing (tests without a worker)
     * @param taskId  makes the sensor names unique: sensors live in the worker's one registry, shared by tasks
     */
    IngestMetrics(PluginMetrics metrics, String taskId, InflightBudget budget, long ackTimeoutMs) {
        this.metrics = metrics;
        this.sensorPrefix = taskId + ".";
        if (metrics == null) {
            requests = batches = events = bytes = ackLatency = null;
            return;
        }
        requests = counter("requests", "request", "HTTP requests received");
        batches = counter("batches", "batch", "batches accepted into Kafka");
        events = counter("events", "event", "events in the batches accepted into Kafka");
        bytes = counter("bytes", "byte", "request body bytes (after decompression) of accepted batches");
        ackLatency = metrics.addSensor(sensorPrefix + "ack-latency");
        ackLatency.add(name("ack-latency-avg", "mean time from receiving a batch to Kafka confirming it, ms"), new Avg());
        ackLatency.add(name("ack-latency-max", "longest such time, ms"), new Max());
        ackLatency.add(new Percentiles(4 * 1024, Math.max(1000, ackTimeoutMs), Percentiles.BucketSizing.LINEAR,
                new Percentile(name("ack-latency-p50", "median acknowledgement latency, ms"), 50),
                new Percentile(name("ack-latency-p99", "99th percentile of acknowledgement latency, ms"), 99)));
        metrics.addMetric(name("inflight-batches", "batches being received or waiting for Kafka"),
                (Gauge<Integer>) (config, now) -> budget.batches());
        metrics.addMetric(name("inflight-bytes", "bytes of those batches"),
                (Gauge<Long>) (config, now) -> budget.bytes());
    }

    void request() {
        record(requests, 1);
    }

    void accepted(int eventCount, long bodyBytes, long latencyMs) {
        record(batches, 1);
        record(events, eventCount);
        record(bytes, bodyBytes);
        record(ackLatency, latencyMs);
    }

    /**
     * @param reason a stable, lower-case code such as {@code invalid-json}. A reason seen for the first time adds
     *               a sensor; once the worker has closed the task's plugin metrics (while the listener still
     *               answers requests during a stop) that is refused, and the rejection goes uncounted: the answer
     *               to the client must not depend on its metric.
     */
    void rejected(String reason) {
        if (metrics == null) {
            return;
        }
        Sensor sensor = rejections.get(reason);
        if (sensor == null) {
            try {
                sensor = rejections.computeIfAbsent(reason, this::rejectionSensor);
            } catch (IllegalStateException closed) {
                return;
            }
        }
        sensor.record();
    }

    private Sensor rejectionSensor(String reason) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("reason", reason);
        Sensor sensor = metrics.addSensor(sensorPrefix + "rejections-" + reason);
        sensor.add(metrics.metricName("rejection-total", "requests refused, by reason", tags), new CumulativeCount());
        sensor.add(metrics.metricName("rejection-rate", "requests refused per second, by reason", tags), new Rate());
        return sensor;
    }

    private Sensor counter(String sensorName, String metricPrefix, String what) {
        Sensor sensor = metrics.addSensor(sensorPrefix + sensorName);
        sensor.add(name(metricPrefix + "-total", "total " + what), new CumulativeSum());
        sensor.add(name(metricPrefix + "-rate", what + " per second"), new Rate());
        return sensor;
    }

    private MetricName name(String name, String description) {
        return metrics.metricName(name, description, new LinkedHashMap<>());
    }

    private static void record(Sensor sensor, double value) {
        if (sensor != null) {
            sensor.record(value);
        }
    }
}
