package org.egov.telemetry.validate;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Meter;

import java.util.LinkedHashMap;

/**
 * Counts valid and invalid records through Kafka's plugin metrics (group {@code plugins}, tagged with the
 * connector, task and transformation alias by Connect). Without plugin metrics, counting is a no-op.
 */
final class ValidationMetrics {

    static final String VALID = "valid-records";
    static final String INVALID = "invalid-records";

    private final Sensor valid;
    private final Sensor invalid;

    private ValidationMetrics(Sensor valid, Sensor invalid) {
        this.valid = valid;
        this.invalid = invalid;
    }

    static ValidationMetrics none() {
        return new ValidationMetrics(null, null);
    }

    static ValidationMetrics of(PluginMetrics metrics) {
        return new ValidationMetrics(meter(metrics, VALID, "records that passed validation"),
                meter(metrics, INVALID, "records that failed validation (routed, dropped or failed)"));
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

    void valid() {
        if (valid != null) {
            valid.record();
        }
    }

    void invalid() {
        if (invalid != null) {
            invalid.record();
        }
    }
}
