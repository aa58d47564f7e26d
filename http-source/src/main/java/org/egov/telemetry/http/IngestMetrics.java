package org.egov.telemetry.http;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;
import org.egov.telemetry.core.PluginMeters.Events;
import org.egov.telemetry.core.PluginMeters.Latency;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's metrics, registered through Connect's plugin metrics (so they carry the connector and task
 * tags and appear in JMX with the worker's other metrics): requests, accepted batches, events and bytes,
 * rejections by reason, acknowledgement latency, and what is in flight.
 */
final class IngestMetrics {

    private final PluginMeters meters;
    private final Events requests;
    private final Events batches;
    private final Events events;
    private final Events bytes;
    private final Latency ackLatency;
    private final Map<String, Events> rejections = new ConcurrentHashMap<>();

    /** @param metrics the task's plugin metrics, or null to record nothing (tests without a worker) */
    IngestMetrics(PluginMetrics metrics, InflightBudget budget, long ackTimeoutMs) {
        meters = new PluginMeters(metrics);
        requests = counter("request", "HTTP requests received");
        batches = counter("batch", "batches accepted into Kafka");
        events = counter("event", "events in the batches accepted into Kafka");
        bytes = counter("byte", "request body bytes (after decompression) of accepted batches");
        ackLatency = meters.latency("ack-latency-avg", "mean time from receiving a batch to Kafka confirming it, ms",
                        "ack-latency-max", "longest such time, ms")
                .withPercentiles(Math.max(1000, ackTimeoutMs), "ack-latency-p50", "median acknowledgement latency, ms",
                        "ack-latency-p99", "99th percentile of acknowledgement latency, ms");
        meters.gauge("inflight-batches", "batches being received or waiting for Kafka", budget::batches);
        meters.gauge("inflight-bytes", "bytes of those batches", budget::bytes);
    }

    private Events counter(String metricPrefix, String what) {
        return meters.events(metricPrefix + "-total", "total " + what, metricPrefix + "-rate", what + " per second");
    }

    void request() {
        requests.record();
    }

    void accepted(int eventCount, long bodyBytes, long latencyMs) {
        batches.record();
        events.record(eventCount);
        bytes.record(bodyBytes);
        ackLatency.recordMs(latencyMs);
    }

    /**
     * @param reason a stable, lower-case code such as {@code invalid-json}. A reason seen for the first time adds
     *               a sensor; once the worker has closed the task's plugin metrics (while the listener still
     *               answers requests during a stop) that is refused, and the rejection goes uncounted: the answer
     *               to the client must not depend on its metric.
     */
    void rejected(String reason) {
        Events sensor = rejections.get(reason);
        if (sensor == null) {
            try {
                sensor = rejections.computeIfAbsent(reason, r -> meters.tagged("reason", r).events("rejection-total",
                        "requests refused, by reason", "rejection-rate", "requests refused per second, by reason"));
            } catch (IllegalStateException closed) {
                return;
            }
        }
        sensor.record();
    }
}
