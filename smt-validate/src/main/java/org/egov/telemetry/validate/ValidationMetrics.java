package org.egov.telemetry.validate;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Meter;

import java.util.LinkedHashMap;

/**
 * Counts valid and invalid records, and among the valid ones those passed with coerced fields or tolerated
 * violations (lenient profiles), through Kafka's plugin metrics (group {@code plugins}, tagged with the
 * connector, task and transformation alias by Connect). Without plugin metrics, counting is a no-op.
 */
final class ValidationMetrics {

    static final String VALID = "valid-records";
    static final String INVALID = "invalid-records";
    static final String COERCED = "coerced-records";
    static final String TOLERATED = "tolerated-records";

    private final Sensor valid;
    private final Sensor invalid;
    private final Sensor coerced;
    private final Sensor tolerated;

    private ValidationMetrics(Sensor valid, Sensor invalid, Sensor coerced, Sensor tolerated) {
        this.valid = valid;
        this.invalid = invalid;
        this.coerced = coerced;
        this.tolerated = tolerated;
    }

    static ValidationMetrics none() {
        return new ValidationMetrics(null, null, null, null);
    }

    static ValidationMetrics of(PluginMetrics metrics) {
        return new ValidationMetrics(meter(metrics, VALID, "records that passed validation"),
                meter(metrics, INVALID, "records that failed validation (routed, dropped or failed)"),
                meter(metrics, COERCED, "records that passed with fields coerced to their specified type"),
                meter(metrics, TOLERATED, "records that passed with violations the profile tolerates"));
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

    void valid(Verdict verdict) {
        if (valid != null) {
            valid.record();
            if (!verdict.coerced().isEmpty()) {
                coerced.record();
            }
            if (!verdict.tolerated().isEmpty()) {
                tolerated.record();
            }
        }
    }

    void invalid() {
        if (invalid != null) {
            invalid.record();
        }
    }
}
