package org.egov.telemetry.core;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

class PluginMetersTest {

    private static double value(Metrics registry, String name, Map<String, String> tags) {
        for (Map.Entry<MetricName, KafkaMetric> metric : registry.metrics().entrySet()) {
            if (metric.getKey().name().equals(name) && metric.getKey().tags().entrySet().containsAll(tags.entrySet())) {
                return ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        throw new AssertionError("no metric " + name + " " + tags);
    }

    @Test
    void registersEventsCountersGaugesAndLatencyUnderThePluginsTagsAndItsOwn() {
        try (Metrics registry = new Metrics()) {
            PluginMeters meters = new PluginMeters(new PluginMetricsImpl(registry,
                    new LinkedHashMap<>(Map.of("connector", "c", "task", "0"))));
            PluginMeters.Events bytes = meters.events("bytes", "bytes written");
            PluginMeters.Events tenant = meters.tagged("enrichment", "tenant").events("hits", "lookup hits");
            PluginMeters.Events other = meters.tagged("enrichment", "device").events("hits", "lookup hits");
            LongAdder counter = meters.counter("records-total", "records");
            PluginMeters.Latency latency = meters.latency("latency-avg", "mean", "latency-max", "longest")
                    .withPercentiles(1000, "latency-p50", "median", "latency-p99", "99th");

            bytes.record(100);
            bytes.record(50);
            tenant.record();
            tenant.record();
            other.record();
            counter.add(7);
            latency.recordMs(10);
            latency.recordMs(30);

            assertThat(value(registry, "bytes-total", Map.of("connector", "c"))).isEqualTo(150.0);
            assertThat(value(registry, "hits-total", Map.of("enrichment", "tenant"))).isEqualTo(2.0);
            assertThat(value(registry, "hits-total", Map.of("enrichment", "device"))).isEqualTo(1.0);
            assertThat(value(registry, "records-total", Map.of("task", "0"))).isEqualTo(7.0);
            assertThat(value(registry, "latency-avg", Map.of())).isEqualTo(20.0);
            assertThat(value(registry, "latency-max", Map.of())).isEqualTo(30.0);
            assertThat(value(registry, "bytes-rate", Map.of())).isGreaterThan(0.0);
        }
    }

    @Test
    void withoutPluginMetricsEverythingStillRecordsAndCountersCount() {
        PluginMeters meters = new PluginMeters(null);
        meters.events("bytes", "bytes").record(5);
        meters.latency("a", "a", "m", "m").withPercentiles(10, "p5", "p5", "p9", "p9").record(1_000_000);
        meters.gauge("g", "g", () -> 1);
        LongAdder counter = meters.tagged("k", "v").counter("c", "c");
        counter.increment();
        assertThat(counter.sum()).isEqualTo(1);
    }

    /** Connect may start a task while its earlier instance, whose stop timed out, still holds the same names. */
    @Test
    void aSecondInstanceUnderTheSameTagsStartsAndCountsIntoTheSharedSensors() {
        try (Metrics registry = new Metrics()) {
            Map<String, String> tags = Map.of("connector", "c", "task", "0");
            PluginMeters orphan = new PluginMeters(new PluginMetricsImpl(registry, new LinkedHashMap<>(tags)));
            PluginMeters.Events earlier = orphan.events("bytes", "bytes written");
            orphan.counter("records-total", "records");
            orphan.latency("latency-avg", "mean", "latency-max", "longest");

            PluginMeters next = new PluginMeters(new PluginMetricsImpl(registry, new LinkedHashMap<>(tags)));
            PluginMeters.Events bytes = next.events("bytes", "bytes written");
            LongAdder records = next.counter("records-total", "records");
            next.latency("latency-avg", "mean", "latency-max", "longest").recordMs(5);

            earlier.record(1);
            bytes.record(2);
            records.increment();
            assertThat(value(registry, "bytes-total", tags)).isEqualTo(3.0);
            assertThat(value(registry, "latency-max", tags)).isEqualTo(5.0);
        }
    }
}
