package org.egov.telemetry.unbundle;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnbundleMetricsTest {

    @Test
    void countsArePublishedAsPluginMetricsTaggedWithTheTask() {
        try (Metrics metrics = new Metrics()) {
            LinkedHashMap<String, String> tags = new LinkedHashMap<>(Map.of("connector", "unbundle"));
            tags.put("task", "1");
            UnbundleMetrics counts = new UnbundleMetrics(new PluginMetricsImpl(metrics, tags));
            counts.batch();
            counts.event();
            counts.event();
            counts.failed();
            assertThat(value(metrics, UnbundleMetrics.BATCHES)).isEqualTo(1.0);
            assertThat(value(metrics, UnbundleMetrics.EVENTS)).isEqualTo(2.0);
            assertThat(value(metrics, UnbundleMetrics.FAILED)).isEqualTo(1.0);
            assertThat(metrics.metrics().keySet()).filteredOn(name -> name.name().equals(UnbundleMetrics.EVENTS))
                    .singleElement().satisfies(name -> assertThat(name.tags()).containsEntry("task", "1")
                            .containsEntry("connector", "unbundle"));
        }
    }

    @Test
    void theInputLagIsUnknownUntilTheTaskHasPolledThenTheLastValueGiven() {
        try (Metrics metrics = new Metrics()) {
            UnbundleMetrics counts = new UnbundleMetrics(new PluginMetricsImpl(metrics, new LinkedHashMap<>()));
            assertThat(value(metrics, UnbundleMetrics.LAG)).isEqualTo(-1.0);
            counts.lag(12_581);
            assertThat(value(metrics, UnbundleMetrics.LAG)).isEqualTo(12_581.0);
            counts.lag(0);
            assertThat(value(metrics, UnbundleMetrics.LAG)).isEqualTo(0.0);
        }
    }

    @Test
    void withoutPluginMetricsItOnlyCounts() {
        UnbundleMetrics counts = new UnbundleMetrics(null);
        counts.event();
        assertThat(counts.events()).isEqualTo(1);
    }

    private static double value(Metrics metrics, String name) {
        return metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .map(e -> (Double) e.getValue().metricValue()).findFirst().orElseThrow();
    }
}
