package org.egov.telemetry.s3;

import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;

import static org.assertj.core.api.Assertions.assertThat;

class S3SinkMetricsTest {

    private static final long MS = Duration.ofMillis(1).toNanos();

    /** Tags as Connect gives a task's plugin metrics. */
    static LinkedHashMap<String, String> taskTags(String task) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "telemetry-s3-sink");
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
    void uploadTimesAreAveragedAndTheLongestKept() {
        try (Metrics registry = new Metrics()) {
            S3SinkMetrics metrics = new S3SinkMetrics(new PluginMetricsImpl(registry, taskTags("0")));
            metrics.uploaded(10, 1_000, 30 * MS);
            metrics.uploaded(20, 2_000, 90 * MS);

            assertThat(value(registry, S3SinkMetrics.LATENCY_AVG, "0")).isEqualTo(60.0);
            assertThat(value(registry, S3SinkMetrics.LATENCY_MAX, "0")).isEqualTo(90.0);
            assertThat(value(registry, S3SinkMetrics.RECORDS, "0")).isEqualTo(30.0);
            assertThat(value(registry, S3SinkMetrics.BYTES, "0")).isEqualTo(3_000.0);
            assertThat(value(registry, S3SinkMetrics.OBJECTS, "0")).isEqualTo(2.0);
        }
    }

    /** Sensors live in the worker's one registry, shared by every task of every connector. */
    @Test
    void twoTasksOfOneWorkerKeepTheirOwnUploadTimes() {
        try (Metrics registry = new Metrics()) {
            S3SinkMetrics task0 = new S3SinkMetrics(new PluginMetricsImpl(registry, taskTags("0")));
            new S3SinkMetrics(new PluginMetricsImpl(registry, taskTags("1")));
            task0.uploaded(1, 100, 40 * MS);

            assertThat(value(registry, S3SinkMetrics.LATENCY_MAX, "0")).isEqualTo(40.0);
            assertThat(value(registry, S3SinkMetrics.LATENCY_MAX, "1")).isNaN();
            assertThat(value(registry, S3SinkMetrics.OBJECTS, "1")).isZero();
        }
    }

    @Test
    void withoutPluginMetricsItOnlyCounts() {
        S3SinkMetrics metrics = new S3SinkMetrics(null);
        metrics.uploaded(3, 512, 7 * MS);
        metrics.retry();
        metrics.failure();

        assertThat(metrics.records()).isEqualTo(3);
        assertThat(metrics.bytes()).isEqualTo(512);
        assertThat(metrics.objects()).isEqualTo(1);
        assertThat(metrics.retries()).isEqualTo(1);
        assertThat(metrics.failures()).isEqualTo(1);
    }
}
