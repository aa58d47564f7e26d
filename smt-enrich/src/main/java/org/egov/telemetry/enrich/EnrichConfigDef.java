package org.egov.telemetry.enrich;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

import java.util.List;
import java.util.Map;

/**
 * The ConfigDef of {@link EnrichTelemetry}. The keys of a lookup ({@code lookup.<name>.<key>}) depend on the
 * names in {@code lookups}, so they cannot be declared up front; {@link #validateAll} declares them from
 * {@code lookups} the way Kafka's {@code ConnectorConfig} declares {@code transforms.<alias>.*} from
 * {@code transforms} (the lookup's ConfigDef embedded under its prefix) and reports each problem on the
 * full name of its key, e.g. {@code lookup.tenant.file}.
 *
 * <p>Kafka Connect 4.3 does not call this when it validates a connector: it copies the declared keys of each
 * transformation's ConfigDef into the connector's and validates those, so there only {@code lookups} itself
 * is checked. The connectors of this bundle call it from their own {@code validate()} (TransformChecks in
 * telemetry-core), so a bad lookup key is reported before a task starts.
 */
final class EnrichConfigDef extends ConfigDef {

    @Override
    public Map<String, ConfigValue> validateAll(Map<String, String> props) {
        Map<String, ConfigValue> values = super.validateAll(props);
        ConfigValue lookups = values.get(EnrichTelemetry.LOOKUPS);
        if (lookups.errorMessages().isEmpty() && lookups.value() instanceof List<?> names) {
            for (Object name : names) {
                values.putAll(LookupConfig.validate(name.toString(), props));
            }
        }
        return values;
    }
}
