package org.egov.telemetry.it.es;

import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.SearchDistribution;
import org.egov.telemetry.it.support.SearchNode;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The sink on an Elasticsearch 8.19 node of its own with security on and HTTPS only (a self-signed certificate
 * made with keytool): it trusts the certificate through {@code elastic.https.ssl.truststore.*} and authenticates
 * as a file-realm user. (API keys cannot be tried on the integ-test zip: its security index needs the missing
 * analysis-common module; the ApiKey header is covered by the unit tests.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredNodeIT {

    private SearchNode node;
    private EmbeddedConnectCluster connect;

    @BeforeAll
    void startSecuredNode() {
        node = SearchNode.start(SearchDistribution.ELASTICSEARCH_8_19, SearchNode.Options.withSecurityAndTls());
        connect = TestStack.shared().connect();
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private Map<String, String> config(String topic, String password) {
        Map<String, String> config = new HashMap<>(ConnectorFiles.config(TestStack.ES_SINK,
                Map.of("connection.url", node.url(), "topics", topic, "index.name", topic)));
        config.put("elastic.security.protocol", "ssl");
        config.put("elastic.https.ssl.truststore.location", node.truststore().toString());
        config.put("elastic.https.ssl.truststore.password", SearchNode.STORE_PASSWORD);
        config.put("connection.username", SearchNode.SUPERUSER);
        config.put("connection.password", password);
        return config;
    }

    @Test
    void documentsAreIndexedOverHttpsWithBasicAuthentication() throws Exception {
        assertThat(node.url()).startsWith("https://");
        String topic = "tls-events";
        connect.kafka().createTopic(topic, 1);
        connect.configureConnector("es-tls", config(topic, SearchNode.SUPERUSER_PASSWORD));
        try {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("es-tls", 1, "sink did not start");
            for (int i = 0; i < 10; i++) {
                connect.kafka().produce(topic, "k-" + i, Events.event("k-" + i, Instant.parse("2026-11-28T10:00:00Z")));
            }
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                node.refresh(topic);
                assertThat(node.count(topic)).isEqualTo(10);
            });
        } finally {
            connect.deleteConnector("es-tls");
        }
    }

    @Test
    void aWrongPasswordIsRejectedWhenTheConnectorIsConfigured() {
        connect.kafka().createTopic("tls-wrong", 1);
        assertThatThrownBy(() -> connect.configureConnector("es-tls-wrong", config("tls-wrong", "not-the-password")))
                .isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("Could not reach the search node").hasMessageContaining("401");
    }
}
