package org.egov.telemetry.es;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.PluginConfig;
import org.egov.telemetry.es.ConnectionConfig.SecurityProtocol;
import org.egov.telemetry.es.TargetConfig.DataStreamType;
import org.egov.telemetry.es.TargetConfig.MalformedDocumentBehavior;
import org.egov.telemetry.es.TargetConfig.NullValueBehavior;
import org.egov.telemetry.es.TargetConfig.WriteMethod;

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

    /** Parses and validates each key; {@link #ensureConsistent()} checks the combinations ({@link #problems()}). */
    public ElasticsearchSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** Rules that involve several keys, across the fragments. */
    @Override
    protected void checkAcrossKeys(Map<String, String> problems) {
        if (password() != null && username() == null) {
            problems.put(CONNECTION_PASSWORD, "is set but " + CONNECTION_USERNAME + " is not");
        }
        if (apiKey() != null && username() != null) {
            problems.put(CONNECTION_API_KEY, "cannot be combined with " + CONNECTION_USERNAME + "; use one of them");
        }
        boolean https = connectionUrls().stream().anyMatch(url -> url.trim().startsWith("https:"));
        boolean http = connectionUrls().stream().anyMatch(url -> url.trim().startsWith("http:"));
        if (securityProtocol() == SecurityProtocol.SSL && http) {
            problems.put(ConnectionConfig.SECURITY_PROTOCOL, "is ssl but " + CONNECTION_URL + " has http:// URLs");
        } else if (securityProtocol() == SecurityProtocol.PLAINTEXT && https) {
            problems.put(CONNECTION_URL, "has https:// URLs; set " + ConnectionConfig.SECURITY_PROTOCOL + "=ssl");
        }
        if (dataStreamType() != DataStreamType.NONE) {
            if (dataStreamDataset() == null) {
                problems.put(TargetConfig.DATA_STREAM_DATASET, "is required when " + TargetConfig.DATA_STREAM_TYPE
                        + " is set");
            }
            if (writeMethod() == WriteMethod.UPSERT) {
                problems.put(TargetConfig.WRITE_METHOD, "upsert is not possible on a data stream (append only)");
            }
            if (behaviorOnNullValues() == NullValueBehavior.DELETE) {
                problems.put(TargetConfig.BEHAVIOR_ON_NULL_VALUES, "delete is not possible on a data stream");
            }
            if (indexDateField() != null) {
                problems.put(TargetConfig.INDEX_DATE_FIELD, "cannot be combined with " + TargetConfig.DATA_STREAM_TYPE);
            }
        }
        if (installTemplate() && dataStreamType() == DataStreamType.NONE && indexName() == null) {
            problems.put(TargetConfig.TEMPLATE_INSTALL, "needs " + TargetConfig.INDEX_NAME + " or "
                    + TargetConfig.DATA_STREAM_TYPE + " to know which indices the template is for");
        }
    }

    public List<String> connectionUrls() {
        return getList(ConnectionConfig.CONNECTION_URL);
    }

    public String username() {
        return getString(ConnectionConfig.CONNECTION_USERNAME);
    }

    public Password password() {
        return getPassword(ConnectionConfig.CONNECTION_PASSWORD);
    }

    public Password apiKey() {
        return getPassword(ConnectionConfig.CONNECTION_API_KEY);
    }

    public boolean compression() {
        return getBoolean(ConnectionConfig.CONNECTION_COMPRESSION);
    }

    public int connectionTimeoutMs() {
        return getInt(ConnectionConfig.CONNECTION_TIMEOUT_MS);
    }

    public int readTimeoutMs() {
        return getInt(ConnectionConfig.READ_TIMEOUT_MS);
    }

    public SecurityProtocol securityProtocol() {
        return ConnectionConfig.PROTOCOLS.parse(getString(ConnectionConfig.SECURITY_PROTOCOL));
    }

    public String truststoreLocation() {
        return getString(ConnectionConfig.TRUSTSTORE_LOCATION);
    }

    public Password truststorePassword() {
        return getPassword(ConnectionConfig.TRUSTSTORE_PASSWORD);
    }

    public String truststoreType() {
        return getString(ConnectionConfig.TRUSTSTORE_TYPE);
    }

    public String keystoreLocation() {
        return getString(ConnectionConfig.KEYSTORE_LOCATION);
    }

    public Password keystorePassword() {
        return getPassword(ConnectionConfig.KEYSTORE_PASSWORD);
    }

    public String keystoreType() {
        return getString(ConnectionConfig.KEYSTORE_TYPE);
    }

    public Password keyPassword() {
        return getPassword(ConnectionConfig.KEY_PASSWORD);
    }

    public boolean verifyHostnames() {
        return !getString(ConnectionConfig.ENDPOINT_IDENTIFICATION).isBlank();
    }

    public int batchSize() {
        return getInt(BulkConfig.BATCH_SIZE);
    }

    public long bulkSizeBytes() {
        return getLong(BulkConfig.BULK_SIZE_BYTES);
    }

    public long lingerMs() {
        return getLong(BulkConfig.LINGER_MS);
    }

    public int maxInFlightRequests() {
        return getInt(BulkConfig.MAX_IN_FLIGHT_REQUESTS);
    }

    public int maxBufferedRecords() {
        return getInt(BulkConfig.MAX_BUFFERED_RECORDS);
    }

    public long flushTimeoutMs() {
        return getLong(BulkConfig.FLUSH_TIMEOUT_MS);
    }

    public int maxRetries() {
        return getInt(BulkConfig.MAX_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(BulkConfig.RETRY_BACKOFF_MS);
    }

    public long retryBackoffMaxMs() {
        return Math.max(getLong(BulkConfig.RETRY_BACKOFF_MAX_MS), retryBackoffMs());
    }

    public boolean ignoreKey() {
        return getBoolean(TargetConfig.KEY_IGNORE);
    }

    public WriteMethod writeMethod() {
        return TargetConfig.WRITE_METHODS.parse(getString(TargetConfig.WRITE_METHOD));
    }

    /** The fixed target index (or prefix of dated indices), or {@code null} for an index named after the topic. */
    public String indexName() {
        return blankToNull(getString(TargetConfig.INDEX_NAME));
    }

    /** The field whose date picks a dated index, or {@code null} for undated indices. */
    public String indexDateField() {
        return blankToNull(getString(TargetConfig.INDEX_DATE_FIELD));
    }

    public String indexDateFormat() {
        return getString(TargetConfig.INDEX_DATE_FORMAT);
    }

    public DataStreamType dataStreamType() {
        return TargetConfig.DATA_STREAM_TYPES.parse(getString(TargetConfig.DATA_STREAM_TYPE));
    }

    public String dataStreamDataset() {
        return blankToNull(getString(TargetConfig.DATA_STREAM_DATASET));
    }

    public String dataStreamNamespace() {
        String namespace = blankToNull(getString(TargetConfig.DATA_STREAM_NAMESPACE));
        return namespace == null ? "default" : namespace;
    }

    public boolean installTemplate() {
        return getBoolean(TargetConfig.TEMPLATE_INSTALL);
    }

    public String templateName() {
        String name = blankToNull(getString(TargetConfig.TEMPLATE_NAME));
        return name == null ? "telemetry" : name;
    }

    public NullValueBehavior behaviorOnNullValues() {
        return TargetConfig.NULL_VALUES.parse(getString(TargetConfig.BEHAVIOR_ON_NULL_VALUES));
    }

    public MalformedDocumentBehavior behaviorOnMalformedDocuments() {
        return TargetConfig.MALFORMED.parse(getString(TargetConfig.BEHAVIOR_ON_MALFORMED_DOCS));
    }

    /** The path all connection URLs share ("" when they have none). */
    public String pathPrefix() {
        return ConnectionConfig.UrlListValidator.pathOf(connectionUrls().get(0));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
