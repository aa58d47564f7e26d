package org.egov.telemetry.enrich;

import org.apache.kafka.connect.header.Headers;
import org.egov.telemetry.core.FieldPath;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DIGIT tenancy: a tenant id such as {@code pb.amritsar} (state {@code pb}, city {@code amritsar}) or a
 * state-level {@code pb}, read from the first of the configured fields that holds one, written as an object
 * with {@code tenantId}, {@code state} and, for a city tenant, {@code city}.
 */
final class TenancyEnrichment implements Enrichment {

    private final List<FieldPath> sources;
    private final Pattern pattern;
    private final FieldPath target;

    TenancyEnrichment(List<String> sources, Pattern pattern, String target) {
        this.sources = sources.stream().map(FieldPath::of).toList();
        this.pattern = pattern;
        this.target = FieldPath.of(target);
    }

    @Override
    public String name() {
        return "tenancy";
    }

    @Override
    public Outcome enrich(EventCopy event, Headers headers) {
        boolean sawValue = false;
        for (FieldPath source : sources) {
            String value = source.readText(event.view());
            if (value == null) {
                continue;
            }
            sawValue = true;
            Matcher matcher = pattern.matcher(value.trim());
            if (matcher.matches()) {
                Map<String, Object> tenant = new LinkedHashMap<>();
                tenant.put("tenantId", value.trim());
                tenant.put("state", matcher.group("state"));
                String city = matcher.group("city");
                if (city != null) {
                    tenant.put("city", city);
                }
                return event.merge(target, tenant) ? Outcome.ENRICHED : Outcome.UNUSABLE;
            }
        }
        return sawValue ? Outcome.UNUSABLE : Outcome.MISSING_INPUT;
    }
}
