package org.egov.telemetry.validate;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;
import org.egov.telemetry.core.PluginMeters.Events;

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

    private final Events valid;
    private final Events invalid;
    private final Events coerced;
    private final Events tolerated;

    private ValidationMetrics(Events valid, Events invalid, Events coerced, Events tolerated) {
        this.valid = valid;
        this.invalid = invalid;
        this.coerced = coerced;
        this.tolerated = tolerated;
    }

    static ValidationMetrics none() {
        return of(null);
    }

    /** @param pluginMetrics the transformation's metrics, or null to count nothing */
    static ValidationMetrics of(PluginMetrics pluginMetrics) {
        PluginMeters meters = new PluginMeters(pluginMetrics);
        return new ValidationMetrics(meters.events(VALID, "records that passed validation"),
                meters.events(INVALID, "records that failed validation (routed, dropped or failed)"),
                meters.events(COERCED, "records that passed with fields coerced to their specified type"),
                meters.events(TOLERATED, "records that passed with violations the profile tolerates"));
    }

    void valid(Verdict verdict) {
        valid.record();
        if (!verdict.coerced().isEmpty()) {
            coerced.record();
        }
        if (!verdict.tolerated().isEmpty()) {
            tolerated.record();
        }
    }

    void invalid() {
        invalid.record();
    }
}
