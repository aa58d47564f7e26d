package org.egov.telemetry.enrich;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.PluginMetrics;

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

    void register(PluginMetrics metrics, List<LookupEnrichment> lookups) {
        counters.forEach((enrichment, byOutcome) -> byOutcome.forEach((outcome, counter) ->
                metrics.addMetric(name(metrics, metricName(outcome), "Events whose " + enrichment
                        + " enrichment ended " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '), enrichment),
                        (Measurable) (config, now) -> counter.sum())));
        for (LookupEnrichment lookup : lookups) {
            metrics.addMetric(name(metrics, "lookup-entries", "Keys held by the lookup table", lookup.name()),
                    (Measurable) (config, now) -> lookup.table().size());
        }
    }

    private static MetricName name(PluginMetrics metrics, String name, String doc, String enrichment) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG, enrichment);
        return metrics.metricName(name, doc, tags);
    }

    void count(Enrichment enrichment, Enrichment.Outcome outcome) {
        counters.get(enrichment.name()).get(outcome).increment();
    }

    long count(String enrichment, Enrichment.Outcome outcome) {
        return counters.get(enrichment).get(outcome).sum();
    }
}
