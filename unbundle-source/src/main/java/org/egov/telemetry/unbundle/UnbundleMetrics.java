package org.egov.telemetry.unbundle;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;

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

    private final LongAdder batches;
    private final LongAdder events;
    private final LongAdder failed;
    private volatile long lag = -1;

    UnbundleMetrics(PluginMetrics metrics) {
        PluginMeters meters = new PluginMeters(metrics);
        batches = meters.counter(BATCHES, "Batches read from the input topic");
        events = meters.counter(EVENTS, "Events written to the output topic (before the SMT chain)");
        failed = meters.counter(FAILED, "Batches, elements and events sent to the failed topic");
        meters.gauge(LAG, "Records of the input topic not read yet, summed over the task's partitions as of its "
                + "last poll (-1 until known)", () -> lag);
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
