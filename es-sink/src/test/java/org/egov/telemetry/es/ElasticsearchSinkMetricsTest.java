package org.egov.telemetry.es;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchSinkMetricsTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    /** Tags as Connect gives a task's plugin metrics. */
    static LinkedHashMap<String, String> taskTags(String task) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "telemetry-es-sink");
        tags.put("task", task);
        return tags;
    }

    /** The value of the metric {@code name} whose task tag is {@code task}. */
    static double value(Metrics registry, String name, String task) {
        return registry.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && task.equals(e.getKey().tags().get("task")))
                .map(e -> (Double) e.getValue().metricValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " of task " + task));
    }

    @Test
    void bulkRequestTimesAreAveragedAndTheLongestKept() {
        try (Metrics registry = new Metrics()) {
            ElasticsearchSinkMetrics metrics =
                    new ElasticsearchSinkMetrics(new PluginMetricsImpl(registry, taskTags("0")));
            metrics.bulkRequest(10 * MS);
            metrics.bulkRequest(50 * MS);

            assertThat(value(registry, ElasticsearchSinkMetrics.LATENCY_AVG, "0")).isEqualTo(30.0);
            assertThat(value(registry, ElasticsearchSinkMetrics.LATENCY_MAX, "0")).isEqualTo(50.0);
            assertThat(value(registry, ElasticsearchSinkMetrics.BULK_REQUESTS, "0")).isEqualTo(2.0);
        }
    }

    /** Sensors live in the worker's one registry, shared by every task of every connector. */
    @Test
    void twoTasksOfOneWorkerKeepTheirOwnBulkTimes() {
        try (Metrics registry = new Metrics()) {
            ElasticsearchSinkMetrics task0 =
                    new ElasticsearchSinkMetrics(new PluginMetricsImpl(registry, taskTags("0")));
            new ElasticsearchSinkMetrics(new PluginMetricsImpl(registry, taskTags("1")));
            task0.bulkRequest(25 * MS);

            assertThat(value(registry, ElasticsearchSinkMetrics.LATENCY_MAX, "0")).isEqualTo(25.0);
            assertThat(value(registry, ElasticsearchSinkMetrics.LATENCY_MAX, "1")).isNaN();
            assertThat(value(registry, ElasticsearchSinkMetrics.BULK_REQUESTS, "1")).isZero();
        }
    }

    @Test
    void withoutPluginMetricsItOnlyCounts() {
        ElasticsearchSinkMetrics metrics = new ElasticsearchSinkMetrics(null);
        metrics.bulkRequest(3 * MS);
        metrics.indexed();
        metrics.rejected(2);
        metrics.retried(2);
        metrics.malformed();
        metrics.deadLettered();

        assertThat(metrics.bulkRequests()).isEqualTo(1);
        assertThat(metrics.documentsIndexed()).isEqualTo(1);
        assertThat(metrics.rejections()).isEqualTo(2);
        assertThat(metrics.itemRetries()).isEqualTo(2);
        assertThat(metrics.malformedDocuments()).isEqualTo(1);
        assertThat(metrics.deadLetteredRecords()).isEqualTo(1);
    }
}
