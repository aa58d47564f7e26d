package org.egov.telemetry.http;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class IngestMetricsTest {

    @Test
    void rejectionsAreCountedByReason() {
        try (Metrics registry = new Metrics()) {
            IngestMetrics metrics = new IngestMetrics(new PluginMetricsImpl(registry, new LinkedHashMap<>()),
                    new InflightBudget(10, 1000), 1000);
            metrics.rejected("busy");
            metrics.rejected("busy");
            assertThat(registry.metrics().entrySet()).filteredOn(e -> e.getKey().name().equals("rejection-total"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.getKey().tags()).containsEntry("reason", "busy");
                        assertThat(e.getValue().metricValue()).isEqualTo(2.0);
                    });
        }
    }

    /** The worker closes a task's plugin metrics while its listener still answers requests during a stop. */
    @Test
    void recordingOnClosedPluginMetricsNeverThrows() throws Exception {
        try (Metrics registry = new Metrics()) {
            PluginMetricsImpl plugin = new PluginMetricsImpl(registry, new LinkedHashMap<>());
            IngestMetrics metrics = new IngestMetrics(plugin, new InflightBudget(10, 1000), 1000);
            metrics.rejected("busy");
            plugin.close();
            assertThatCode(() -> {
                metrics.request();
                metrics.accepted(10, 5000, 12);
                metrics.rejected("busy");
                metrics.rejected("stopping");
            }).doesNotThrowAnyException();
        }
    }
}
