package org.egov.telemetry.es;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ElasticsearchSinkConnectorTest {

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key))
                .map(ConfigValue::errorMessages).findFirst().orElseThrow();
    }

    @Test
    void isListedForServiceLoading() {
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(ElasticsearchSinkConnector.class);
    }

    @Test
    void validatePassesWhenTheNodeAnswers() throws Exception {
        try (FakeSearchNode node = new FakeSearchNode()) {
            Config result = new ElasticsearchSinkConnector().validate(Map.of("connection.url", node.url()));
            assertThat(result.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).as(v.name()).isEmpty());
        }
    }

    @Test
    void validatePinsAnUnreachableNodeToConnectionUrl() throws Exception {
        FakeSearchNode node = new FakeSearchNode();
        String url = node.url();
        node.close();
        Config result = new ElasticsearchSinkConnector().validate(Map.of("connection.url", url));
        assertThat(errors(result, "connection.url")).singleElement().asString().contains("Could not reach");
    }

    @Test
    void validateReportsBadValuesWithoutContactingTheNode() {
        Config result = new ElasticsearchSinkConnector(config -> {
            throw new AssertionError("must not connect");
        }).validate(Map.of("connection.url", "http://localhost:1", "batch.size", "-1"));
        assertThat(errors(result, "batch.size")).isNotEmpty();
    }

    @Test
    void validatePinsAPasswordWithoutUsernameToThePassword() {
        Config result = new ElasticsearchSinkConnector(config -> {
            throw new AssertionError("must not connect");
        }).validate(Map.of("connection.url", "http://localhost:1", "connection.password", "secret"));
        assertThat(errors(result, "connection.password")).singleElement().asString()
                .contains("connection.username").doesNotContain("secret");
        assertThat(errors(result, "connection.url")).isEmpty();
    }

    @Test
    void everyTaskGetsTheConnectorsConfig() {
        ElasticsearchSinkConnector connector = new ElasticsearchSinkConnector();
        connector.start(Map.of("connection.url", "http://localhost:9200", "topics", "t"));
        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(c -> assertThat(c).containsEntry("topics", "t"));
        assertThat(connector.taskClass()).isEqualTo(ElasticsearchSinkTask.class);
    }
}
