package org.egov.telemetry.core;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Meter;
import org.apache.kafka.common.metrics.stats.Percentile;
import org.apache.kafka.common.metrics.stats.Percentiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A plugin's metrics, registered one way: as Kafka plugin metrics (group {@code plugins}, tagged with the
 * connector and task, and a transformation's alias, by Connect) when the plugin has them, as plain counters or
 * nothing otherwise (unit tests, a context without plugin metrics).
 *
 * <p>Sensors live in the worker's one registry, unprefixed: every sensor is named after its first metric and
 * that metric's tags, which Connect makes unique to the task. An earlier instance of the same task may still be
 * stopping (its graceful stop timed out, and Connect starts the new one meanwhile) and hold those names until
 * its thread ends: then a metric is not registered again, or the earlier sensor is shared, and the plugin starts
 * anyway. A task must never fail for its metrics.
 */
public final class PluginMeters {

    private static final Logger log = LoggerFactory.getLogger(PluginMeters.class);
    private static final double NANOS_PER_MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final PluginMetrics metrics;
    private final Map<String, String> tags;

    /** @param metrics the plugin's metrics, or null */
    public PluginMeters(PluginMetrics metrics) {
        this(metrics, Map.of());
    }

    private PluginMeters(PluginMetrics metrics, Map<String, String> tags) {
        this.metrics = metrics;
        this.tags = tags;
    }

    /** The same metrics, each with one more tag, e.g. {@code enrichment=tenant}. */
    public PluginMeters tagged(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(key, value);
        return new PluginMeters(metrics, more);
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
            MetricName metric = name(name, doc);
            try {
                metrics.addMetric(metric, (Measurable) (config, now) -> value.getAsLong());
            } catch (IllegalArgumentException taken) {
                log.warn("Metric {} {} is still held by an earlier instance of this plugin; not registered again",
                        name, metric.tags());
            }
        }
    }

    /**
     * Occurrences (or amounts) as a per-second rate and a total: {@code <name>-rate} and {@code <name>-total},
     * described as "Per-second rate of {@code what}" and "Total number of {@code what}".
     */
    public Events events(String name, String what) {
        return events(name + "-total", "Total number of " + what, name + "-rate", "Per-second rate of " + what);
    }

    /** Occurrences (or amounts) as a total and a per-second rate, under names and descriptions of its own. */
    public Events events(String totalName, String totalDoc, String rateName, String rateDoc) {
        if (metrics == null) {
            return new Events(null);
        }
        MetricName total = name(totalName, totalDoc);
        Sensor sensor = metrics.addSensor(totalName + total.tags());
        add(sensor, () -> sensor.add(new Meter(name(rateName, rateDoc), total)));
        return new Events(sensor);
    }

    /** Durations, shown in ms as their mean and their longest over the worker's metrics window. */
    public Latency latency(String avgName, String avgDoc, String maxName, String maxDoc) {
        if (metrics == null) {
            return new Latency(null, this);
        }
        MetricName avg = name(avgName, avgDoc);
        Sensor sensor = metrics.addSensor(avgName + avg.tags());
        add(sensor, () -> {
            sensor.add(avg, new Avg());
            sensor.add(name(maxName, maxDoc), new Max());
        });
        return new Latency(sensor, this);
    }

    /** Adds stats to a sensor; when an earlier instance's sensor of that name already has them, shares it. */
    private static void add(Sensor sensor, Runnable stats) {
        try {
            stats.run();
        } catch (IllegalArgumentException taken) {
            log.warn("Sensor {} is still held by an earlier instance of this plugin; shared with it", sensor.name());
        }
    }

    private MetricName name(String name, String doc) {
        return metrics.metricName(name, doc, new LinkedHashMap<>(tags));
    }

    /** Records into a rate-and-total sensor, or nowhere without plugin metrics. */
    public static final class Events {

        private final Sensor sensor;

        private Events(Sensor sensor) {
            this.sensor = sensor;
        }

        public void record() {
            record(1);
        }

        public void record(double amount) {
            if (sensor != null) {
                sensor.record(amount);
            }
        }
    }

    /** Records durations into a sensor, or nowhere without plugin metrics. */
    public static final class Latency {

        private final Sensor sensor;
        private final PluginMeters meters;

        private Latency(Sensor sensor, PluginMeters meters) {
            this.sensor = sensor;
            this.meters = meters;
        }

        /**
         * Adds the median and the 99th percentile, estimated in linear buckets up to {@code maxMs}.
         *
         * @return this
         */
        public Latency withPercentiles(long maxMs, String p50Name, String p50Doc, String p99Name, String p99Doc) {
            if (sensor != null) {
                add(sensor, () -> sensor.add(new Percentiles(4 * 1024, maxMs, Percentiles.BucketSizing.LINEAR,
                        new Percentile(meters.name(p50Name, p50Doc), 50),
                        new Percentile(meters.name(p99Name, p99Doc), 99))));
            }
            return this;
        }

        public void record(long nanos) {
            recordMs(nanos / NANOS_PER_MS);
        }

        public void recordMs(double ms) {
            if (sensor != null) {
                sensor.record(ms);
            }
        }
    }
}
