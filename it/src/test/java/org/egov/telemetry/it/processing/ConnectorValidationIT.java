package org.egov.telemetry.it.processing;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a worker says about the unbundle connector's enrich lookups before any task starts, asked through its
 * REST API ({@code PUT /connector-plugins/.../config/validate} and {@code PUT /connectors/.../config}): a bad
 * {@code lookup.<name>.*} value is an error on its full key, and a connector holding one is refused.
 */
class ConnectorValidationIT {

    private static final String UNBUNDLE_CLASS = "org.egov.telemetry.unbundle.UnbundleSourceConnector";

    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startStack() {
        connect = TestStack.shared().connect();
    }

    private static Map<String, String> shippedUnbundle(String name) {
        Map<String, String> config = new HashMap<>(ConnectorFiles.config(TestStack.UNBUNDLE_SOURCE,
                Map.of("input.bootstrap.servers", connect.kafka().bootstrapServers())));
        config.put("name", name);
        return config;
    }

    private static Map<String, List<String>> errors(ConfigInfos result) {
        Map<String, List<String>> errors = new HashMap<>();
        for (ConfigInfo info : result.configs()) {
            if (info.configValue() != null && !info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        }
        return errors;
    }

    @Test
    void theShippedConnectorValidates() {
        ConfigInfos result = connect.validateConnectorConfig(UNBUNDLE_CLASS, shippedUnbundle("validate-shipped"));
        assertThat(errors(result)).isEmpty();
        assertThat(result.errorCount()).isZero();
    }

    @Test
    void aLookupTableThatIsNotThereIsAnErrorOnItsKey() {
        Map<String, String> config = shippedUnbundle("validate-absent-table");
        config.put("transforms.enrich.lookup.tenant.file", "/nonexistent/tenants.json");

        ConfigInfos result = connect.validateConnectorConfig(UNBUNDLE_CLASS, config);

        assertThat(errors(result)).containsOnlyKeys("transforms.enrich.lookup.tenant.file");
        assertThat(errors(result).get("transforms.enrich.lookup.tenant.file").get(0))
                .contains("/nonexistent/tenants.json", "no readable file");
        assertThat(result.errorCount()).isEqualTo(1);
    }

    @Test
    void aTopicLookupWithoutItsTopicAndAnUndottedPathAreErrorsOnTheirKeys() {
        Map<String, String> config = shippedUnbundle("validate-topic-lookup");
        config.put("transforms.enrich.lookups", "tenant,user");
        config.put("transforms.enrich.lookup.user.source", "topic");
        config.put("transforms.enrich.lookup.user.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("transforms.enrich.lookup.user.key.field", "actor..id");
        config.put("transforms.enrich.lookup.user.target.field", "userdata");

        Map<String, List<String>> errors = errors(connect.validateConnectorConfig(UNBUNDLE_CLASS, config));

        assertThat(errors).containsOnlyKeys("transforms.enrich.lookup.user.topic",
                "transforms.enrich.lookup.user.key.field");
    }

    @Test
    void aLookupWithoutItsRequiredKeysIsAnErrorOnEachOfThem() {
        Map<String, String> config = shippedUnbundle("validate-missing-keys");
        config.put("transforms.enrich.lookups", "tenant,device");

        Map<String, List<String>> errors = errors(connect.validateConnectorConfig(UNBUNDLE_CLASS, config));

        assertThat(errors).containsOnlyKeys("transforms.enrich.lookup.device.key.field",
                "transforms.enrich.lookup.device.target.field");
    }

    @Test
    void aConnectorWithABadLookupIsRefusedAndNotCreated() {
        Map<String, String> config = shippedUnbundle("validate-refused");
        config.put("transforms.enrich.lookup.tenant.max.entries", "1");

        assertThatThrownBy(() -> connect.configureConnector("validate-refused", config))
                .isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("lookup.tenant.max.entries", "more than the bound");
        assertThat(connect.connectors()).doesNotContain("validate-refused");
    }
}
