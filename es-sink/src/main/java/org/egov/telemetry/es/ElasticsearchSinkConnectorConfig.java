package org.egov.telemetry.es;

import org.apache.kafka.common.config.ConfigDef;
import org.egov.telemetry.core.ConfigFragment;
import org.egov.telemetry.core.PluginConfig;

import java.util.List;
import java.util.Map;

/**
 * Configuration of {@link ElasticsearchSinkConnector}. Keys and meanings follow Confluent's Elasticsearch sink
 * so that an operator can swap one connector for the other; keys marked new in their docs are ours. Declared in
 * three fragments: {@link ConnectionConfig}, {@link BulkConfig} and {@link TargetConfig}.
 */
public class ElasticsearchSinkConnectorConfig extends PluginConfig {

    public static final String CONNECTION_URL = ConnectionConfig.CONNECTION_URL;
    public static final String CONNECTION_USERNAME = ConnectionConfig.CONNECTION_USERNAME;
    public static final String CONNECTION_PASSWORD = ConnectionConfig.CONNECTION_PASSWORD;
    public static final String CONNECTION_API_KEY = ConnectionConfig.CONNECTION_API_KEY;

    public static final ConfigDef CONFIG_DEF =
            TargetConfig.define(BulkConfig.define(ConnectionConfig.define(new ConfigDef())));

    private final ConnectionConfig connection = new ConnectionConfig(this);
    private final BulkConfig bulk = new BulkConfig(this);
    private final TargetConfig target = new TargetConfig(this);

    /** Parses and validates each key; {@link #ensureConsistent()} checks the combinations ({@link #problems()}). */
    public ElasticsearchSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    @Override
    protected List<? extends ConfigFragment> fragments() {
        return List.of(connection, bulk, target);
    }

    /** The cluster: its URLs, credentials and TLS. */
    public ConnectionConfig connection() {
        return connection;
    }

    /** Bulk requests: batching, concurrency, retries. */
    public BulkConfig bulk() {
        return bulk;
    }

    /** Where documents go and how records become documents. */
    public TargetConfig target() {
        return target;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
