package org.egov.telemetry.core;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;

import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A plugin's metrics, registered one way: as Kafka plugin metrics (group {@code plugins}, tagged with the
 * connector and task by Connect) when the plugin has them, as plain counters otherwise (unit tests, a context
 * without plugin metrics).
 */
public final class PluginMeters {

    private static final double NANOS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PluginMetrics metrics;

    /** @param metrics the plugin's metrics, or null */
    public PluginMeters(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** A counter, registered under {@code name}. */
    public LongAdder counter(String name, String doc) {
        LongAdder counter = new LongAdder();
        gauge(name, doc, counter::sum);
        return counter;
    }

    /** A value read when the metric is, registered under {@code name}. */
    public void gauge(String name, String doc, LongSupplier value) {
        if (metrics != null) {
            metrics.addMetric(name(name, doc), (Measurable) (config, now) -> value.getAsLong());
        }
    }

    /** Durations, shown in ms as their mean and their longest over the worker's metrics window. */
    public Latency latency(String avgName, String avgDoc, String maxName, String maxDoc) {
        if (metrics == null) {
            return new Latency(null);
        }
        MetricName avg = name(avgName, avgDoc);
        // Sensors live in the worker's one registry: the task's tags make the name unique to this task.
        Sensor sensor = metrics.addSensor(avgName + avg.tags());
        sensor.add(avg, new Avg());
        sensor.add(name(maxName, maxDoc), new Max());
        return new Latency(sensor);
    }

    private MetricName name(String name, String doc) {
        return metrics.metricName(name, doc, new LinkedHashMap<>());
    }

    /** Records durations into a sensor, or nowhere without plugin metrics. */
    public static final class Latency {

        private final Sensor sensor;

        private Latency(Sensor sensor) {
            this.sensor = sensor;
        }

        public void record(long nanos) {
            if (sensor != null) {
                sensor.record(nanos / NANOS_PER_MS);
            }
        }
    }
}
