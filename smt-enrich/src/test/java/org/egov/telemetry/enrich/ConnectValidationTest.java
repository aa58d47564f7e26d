package org.egov.telemetry.enrich;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Kafka Connect itself reports when it validates a connector whose chain holds EnrichTelemetry: the
 * herder builds the connector's ConfigDef with {@link ConnectorConfig#enrich}, which copies the declared keys
 * of each transformation's ConfigDef under {@code transforms.<alias>.}, and calls {@code validateAll} on it.
 */
class ConnectValidationTest {

    private static Plugins plugins;

    @BeforeAll
    static void plugins() {
        plugins = new Plugins(Map.of("plugin.discovery", "service_load"));
    }

    private static Map<String, ConfigValue> validateAsTheHerderDoes(Map<String, String> enrichProps) {
        Map<String, String> props = new HashMap<>(Map.of("name", "unbundle",
                "connector.class", "org.egov.telemetry.unbundle.UnbundleSourceConnector",
                "transforms", "enrich", "transforms.enrich.type", EnrichTelemetry.class.getName()));
        enrichProps.forEach((key, value) -> props.put("transforms.enrich." + key, value));
        ConfigDef def = ConnectorConfig.enrich(plugins, ConnectorConfig.configDef(), props, false);
        return def.validateAll(props);
    }

    @Test
    void connectReportsBadValuesOfTheDeclaredKeysOnTheirPrefixedNames() {
        Map<String, ConfigValue> values = validateAsTheHerderDoes(Map.of("lookups", "tenant,tenant",
                "timestamp.source", "now"));
        assertThat(values.get("transforms.enrich.lookups").errorMessages()).singleElement()
                .asString().contains("named twice");
        assertThat(values.get("transforms.enrich.timestamp.source").errorMessages()).isNotEmpty();
    }

    /**
     * Pins a limit of Connect 4.3: the per-lookup keys are not declared (they depend on lookups) and Connect
     * does not call the transformation's own validate; the bundle's connectors do, in their validate(). Should
     * a Connect release call it, this fails and the docs (docs/smt-enrich.md) should say so.
     */
    @Test
    void connectDoesNotSeeTheKeysOfEachLookup() {
        Map<String, ConfigValue> values = validateAsTheHerderDoes(Map.of("lookups", "tenant",
                "lookup.tenant.key.field", "tenant.tenantId", "lookup.tenant.target.field", "tenantdata",
                "lookup.tenant.file", "absent.json"));
        assertThat(values).doesNotContainKey("transforms.enrich.lookup.tenant.file");
        assertThat(values.values()).allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
    }
}
