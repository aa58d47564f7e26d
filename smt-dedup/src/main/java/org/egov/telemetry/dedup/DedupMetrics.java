package org.egov.telemetry.dedup;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;
import org.egov.telemetry.core.PluginMeters.Events;

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

    private final Events unique;
    private final Events duplicate;
    private final Events replayed;
    private final Events unchecked;
    private final Events storeErrors;

    private DedupMetrics(Events unique, Events duplicate, Events replayed, Events unchecked, Events storeErrors) {
        this.unique = unique;
        this.duplicate = duplicate;
        this.replayed = replayed;
        this.unchecked = unchecked;
        this.storeErrors = storeErrors;
    }

    static DedupMetrics none() {
        return of(null);
    }

    /** @param pluginMetrics the transformation's metrics, or null to count nothing */
    static DedupMetrics of(PluginMetrics pluginMetrics) {
        PluginMeters meters = new PluginMeters(pluginMetrics);
        return new DedupMetrics(
                meters.events(UNIQUE, "records seen for the first time within the window"),
                meters.events(DUPLICATE, "duplicates (dropped or routed)"),
                meters.events(REPLAYED, "records passed because they came again from the source position that "
                        + "stored their key (replays.pass)"),
                meters.events(UNCHECKED, "records passed without a check: no key, not JSON, or a producer "
                        + "outside producers.include"),
                meters.events(STORE_ERRORS, "records the store could not check (passed or failed as "
                        + "behavior.on.store.error says)"));
    }

    void unique() {
        unique.record();
    }

    void duplicate() {
        duplicate.record();
    }

    void replayed() {
        replayed.record();
    }

    void unchecked() {
        unchecked.record();
    }

    void storeError() {
        storeErrors.record();
    }
}
