package org.egov.telemetry.unbundle;

import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;

import java.util.LinkedHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts batches read, events written and records sent to the failed topic, and how far the task is behind its
 * input, as Kafka plugin metrics (group
 * {@code plugins}, tagged with the connector and task by Connect). Without plugin metrics it only counts.
 */
final class UnbundleMetrics {

    static final String BATCHES = "batches-read-total";
    static final String EVENTS = "events-written-total";
    static final String FAILED = "failed-records-total";
    static final String LAG = "input-lag-records";

    private final LongAdder batches = new LongAdder();
    private final LongAdder events = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile long lag = -1;

    UnbundleMetrics(PluginMetrics metrics) {
        if (metrics != null) {
            register(metrics, BATCHES, "Batches read from the input topic", batches);
            register(metrics, EVENTS, "Events written to the output topic (before the SMT chain)", events);
            register(metrics, FAILED, "Batches, elements and events sent to the failed topic", failed);
            metrics.addMetric(metrics.metricName(LAG, "Records of the input topic not read yet, summed over the"
                    + " task's partitions as of its last poll (-1 until known)", new LinkedHashMap<>()),
                    (Measurable) (config, now) -> lag);
        }
    }

    private static void register(PluginMetrics metrics, String name, String doc, LongAdder counter) {
        metrics.addMetric(metrics.metricName(name, doc, new LinkedHashMap<>()),
                (Measurable) (config, now) -> counter.sum());
    }

    void batch() {
        batches.increment();
    }

    void event() {
        events.increment();
    }

    void failed() {
        failed.increment();
    }

    /** @param records the input records not read yet, or -1 when the consumer does not know */
    void lag(long records) {
        lag = records;
    }

    long lag() {
        return lag;
    }

    long batches() {
        return batches.sum();
    }

    long events() {
        return events.sum();
    }

    long failures() {
        return failed.sum();
    }
}
