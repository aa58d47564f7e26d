package org.egov.telemetry.dedup;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Meter;

import java.util.LinkedHashMap;

/**
 * Counts what de-duplication decided, through Kafka's plugin metrics (group {@code plugins}, tagged with the
 * connector, task and transformation alias by Connect). Without plugin metrics, counting is a no-op.
 */
final class DedupMetrics {

    static final String UNIQUE = "unique-records";
    static final String DUPLICATE = "duplicate-records";
    static final String REPLAYED = "replayed-records";
    static final String UNCHECKED = "unchecked-records";
    static final String STORE_ERRORS = "store-errors";

    private final Sensor unique;
    private final Sensor duplicate;
    private final Sensor replayed;
    private final Sensor unchecked;
    private final Sensor storeErrors;

    private DedupMetrics(Sensor unique, Sensor duplicate, Sensor replayed, Sensor unchecked, Sensor storeErrors) {
        this.unique = unique;
        this.duplicate = duplicate;
        this.replayed = replayed;
        this.unchecked = unchecked;
        this.storeErrors = storeErrors;
    }

    static DedupMetrics none() {
        return new DedupMetrics(null, null, null, null, null);
    }

    static DedupMetrics of(PluginMetrics metrics) {
        return new DedupMetrics(
                meter(metrics, UNIQUE, "records seen for the first time within the window"),
                meter(metrics, DUPLICATE, "duplicates (dropped or routed)"),
                meter(metrics, REPLAYED, "records passed because they came again from the source position that "
                        + "stored their key (replays.pass)"),
                meter(metrics, UNCHECKED, "records passed without a check: no key, not JSON, or a producer "
                        + "outside producers.include"),
                meter(metrics, STORE_ERRORS, "records the store could not check (passed or failed as "
                        + "behavior.on.store.error says)"));
    }

    private static Sensor meter(PluginMetrics metrics, String name, String what) {
        MetricName rate = metrics.metricName(name + "-rate", "Per-second rate of " + what, new LinkedHashMap<>());
        MetricName total = metrics.metricName(name + "-total", "Total number of " + what, new LinkedHashMap<>());
        // Sensors live in the worker's one registry, unprefixed: the plugin's tags (connector, task,
        // transformation alias) make the name unique to this instance.
        Sensor sensor = metrics.addSensor(name + rate.tags());
        sensor.add(new Meter(rate, total));
        return sensor;
    }

    void unique() {
        record(unique);
    }

    void duplicate() {
        record(duplicate);
    }

    void replayed() {
        record(replayed);
    }

    void unchecked() {
        record(unchecked);
    }

    void storeError() {
        record(storeErrors);
    }

    private static void record(Sensor sensor) {
        if (sensor != null) {
            sensor.record();
        }
    }
}
