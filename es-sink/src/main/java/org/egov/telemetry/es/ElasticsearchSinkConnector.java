package org.egov.telemetry.es;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.egov.telemetry.core.ConfigResults;
import org.egov.telemetry.core.Version;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Indexes records into Elasticsearch (7, 8, 9) or OpenSearch (1, 2) with bulk requests. Property names and
 * meanings follow Confluent's Elasticsearch sink; see {@link ElasticsearchSinkConnectorConfig}.
 */
public class ElasticsearchSinkConnector extends SinkConnector {

    private final Function<ElasticsearchSinkConnectorConfig, SearchClient> clients;
    private Map<String, String> props;

    public ElasticsearchSinkConnector() {
        this(SearchClient::create);
    }

    /** For tests: {@code clients} makes the client {@link #validate} checks connectivity with. */
    ElasticsearchSinkConnector(Function<ElasticsearchSinkConnectorConfig, SearchClient> clients) {
        this.clients = clients;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new ElasticsearchSinkConnectorConfig(props).ensureConsistent();   // fail fast on what validate() rejects
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ElasticsearchSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return ElasticsearchSinkConnectorConfig.CONFIG_DEF;
    }

    /**
     * Key-by-key validation, then the checks across keys, then, when all is valid, a {@code GET /} against
     * the nodes. Every error is pinned to the key it concerns.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (!ConfigResults.eachKeyValid(result)) {
            return result;
        }
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(connectorConfigs);
        Map<String, String> problems = config.problems();
        if (!problems.isEmpty()) {
            problems.forEach((key, why) -> ConfigResults.addError(result, key, key + " " + why));
            return result;
        }
        try (SearchClient client = clients.apply(config)) {
            client.describeNode();
        } catch (IOException | RuntimeException e) {
            ConfigResults.addError(result, ElasticsearchSinkConnectorConfig.CONNECTION_URL,
                    "Could not reach the search node: " + e.getMessage());
        }
        return result;
    }
}
