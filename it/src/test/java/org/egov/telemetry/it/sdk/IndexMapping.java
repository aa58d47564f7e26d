package org.egov.telemetry.it.sdk;

import org.egov.telemetry.it.support.SearchNode;

import java.util.Map;

/** An index's mapping as the node reports it ({@code GET /index/_mapping}). */
final class IndexMapping {

    private final Map<String, Object> properties;

    private IndexMapping(Map<String, Object> properties) {
        this.properties = properties;
    }

    @SuppressWarnings("unchecked")
    static IndexMapping of(SearchNode search, String index) {
        Map<String, Object> body = search.request("GET", "/" + index + "/_mapping", null, 200).body();
        Map<String, Object> mappings = (Map<String, Object>) ((Map<String, Object>) body.get(index)).get("mappings");
        return new IndexMapping((Map<String, Object>) mappings.get("properties"));
    }

    /** The mapped type of a field given by its dotted path, or null when it is not mapped. */
    @SuppressWarnings("unchecked")
    String type(String dottedField) {
        Map<String, Object> level = properties;
        String[] steps = dottedField.split("\\.");
        for (int i = 0; i < steps.length - 1 && level != null; i++) {
            Map<String, Object> field = (Map<String, Object>) level.get(steps[i]);
            level = field == null ? null : (Map<String, Object>) field.get("properties");
        }
        Map<String, Object> field = level == null ? null : (Map<String, Object>) level.get(steps[steps.length - 1]);
        return field == null ? null : (String) field.get("type");
    }
}
