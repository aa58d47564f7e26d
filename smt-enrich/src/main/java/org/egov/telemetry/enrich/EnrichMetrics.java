package org.egov.telemetry.enrich;

import org.apache.kafka.common.metrics.PluginMetrics;
import org.egov.telemetry.core.PluginMeters;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One counter per enrichment and outcome: {@code enriched-total}, {@code missing-input-total},
 * {@code not-found-total} (lookup misses) and {@code unusable-total}, tagged {@code enrichment=<name>}; plus
 * {@code lookup-entries} for each lookup table. Registered as Kafka plugin metrics when the worker offers them.
 */
final class EnrichMetrics {

    static final String TAG = "enrichment";

    private final Map<String, Map<Enrichment.Outcome, LongAdder>> counters = new LinkedHashMap<>();

    EnrichMetrics(List<? extends Enrichment> enrichments) {
        for (Enrichment enrichment : enrichments) {
            Map<Enrichment.Outcome, LongAdder> byOutcome = new EnumMap<>(Enrichment.Outcome.class);
            for (Enrichment.Outcome outcome : Enrichment.Outcome.values()) {
                byOutcome.put(outcome, new LongAdder());
            }
            counters.put(enrichment.name(), byOutcome);
        }
    }

    static String metricName(Enrichment.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-total";
    }

    void register(PluginMetrics pluginMetrics, List<LookupEnrichment> lookups) {
        PluginMeters meters = new PluginMeters(pluginMetrics);
        counters.forEach((enrichment, byOutcome) -> byOutcome.forEach((outcome, counter) ->
                meters.tagged(TAG, enrichment).gauge(metricName(outcome), "Events whose " + enrichment
                        + " enrichment ended " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        counter::sum)));
        for (LookupEnrichment lookup : lookups) {
            meters.tagged(TAG, lookup.name()).gauge("lookup-entries", "Keys held by the lookup table",
                    () -> lookup.table().size());
        }
    }

    void count(Enrichment enrichment, Enrichment.Outcome outcome) {
        counters.get(enrichment.name()).get(outcome).increment();
    }

    long count(String enrichment, Enrichment.Outcome outcome) {
        return counters.get(enrichment).get(outcome).sum();
    }
}
