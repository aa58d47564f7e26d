package org.egov.telemetry.enrich;

import org.apache.kafka.connect.header.Headers;
import org.egov.telemetry.core.FieldPath;

import java.util.Map;

/**
 * Joins a field of the event against a table and writes the table's object under a target field, with
 * {@code flags.<flag>} telling whether the key was found, as Sunbird's denormalisation does.
 */
final class LookupEnrichment implements Enrichment {

    private final String name;
    private final FieldPath key;
    private final FieldPath target;
    private final FieldPath flag;
    private final LookupTable table;

    LookupEnrichment(String name, String keyField, String targetField, String flag, LookupTable table) {
        this.name = "lookup-" + name;
        this.key = FieldPath.of(keyField);
        this.target = FieldPath.of(targetField);
        this.flag = FieldPath.of("flags." + flag);
        this.table = table;
    }

    @Override
    public String name() {
        return name;
    }

    LookupTable table() {
        return table;
    }

    @Override
    public Outcome enrich(EventCopy event, Headers headers) {
        String value = key.readText(event.view());
        if (value == null) {
            return Outcome.MISSING_INPUT;
        }
        Map<String, Object> found = table.get(value);
        if (found == null) {
            return event.put(flag, Boolean.FALSE) ? Outcome.NOT_FOUND : Outcome.UNUSABLE;
        }
        if (!event.merge(target, found)) {
            return Outcome.UNUSABLE;
        }
        event.put(flag, Boolean.TRUE);
        return Outcome.ENRICHED;
    }

    @Override
    public void close() {
        table.close();
    }
}
