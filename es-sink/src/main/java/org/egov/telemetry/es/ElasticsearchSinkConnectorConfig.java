package org.egov.telemetry.es;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.EnumValidator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of {@link ElasticsearchSinkConnector}. Keys and meanings follow Confluent's Elasticsearch sink
 * so that an operator can swap one connector for the other; {@code index.name} is ours.
 */
public class ElasticsearchSinkConnectorConfig extends AbstractConfig {

    /** What to do with a record whose value is null (a tombstone). */
    public enum NullValueBehavior { IGNORE, DELETE, FAIL }

    /** What to do with a document the search node rejects as malformed. */
    public enum MalformedDocumentBehavior { IGNORE, WARN, FAIL }

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_USERNAME = "connection.username";
    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_TIMEOUT_MS = "connection.timeout.ms";
    public static final String READ_TIMEOUT_MS = "read.timeout.ms";
    public static final String BATCH_SIZE = "batch.size";
    public static final String LINGER_MS = "linger.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String KEY_IGNORE = "key.ignore";
    public static final String INDEX_NAME = "index.name";
    public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
    public static final String BEHAVIOR_ON_MALFORMED_DOCS = "behavior.on.malformed.documents";

    private static final EnumValidator<NullValueBehavior> NULL_VALUES = EnumValidator.of(NullValueBehavior.class);
    private static final EnumValidator<MalformedDocumentBehavior> MALFORMED = EnumValidator.of(MalformedDocumentBehavior.class);

    private static final String CONNECTOR_GROUP = "Connector";
    private static final String DATA_GROUP = "Data Conversion";
    private static final String ERROR_GROUP = "Error Handling";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(CONNECTION_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new UrlListValidator(), Importance.HIGH,
                    "Comma-separated HTTP(S) URLs of the Elasticsearch or OpenSearch nodes, e.g. "
                            + "'http://es1:9200,http://es2:9200'. Requests are spread over the nodes. When the URLs "
                            + "carry a path (a reverse proxy prefix) it must be the same for all of them.",
                    CONNECTOR_GROUP, 1, Width.LONG, "Connection URLs")
            .define(CONNECTION_USERNAME, Type.STRING, null, new OptionalNonBlank(), Importance.MEDIUM,
                    "User name for HTTP basic authentication. Leave unset when the cluster has no security.",
                    CONNECTOR_GROUP, 2, Width.SHORT, "Connection username")
            .define(CONNECTION_PASSWORD, Type.PASSWORD, null, new OptionalNonBlank(), Importance.MEDIUM,
                    "Password for HTTP basic authentication; used only together with " + CONNECTION_USERNAME + ".",
                    CONNECTOR_GROUP, 3, Width.SHORT, "Connection password")
            .define(CONNECTION_TIMEOUT_MS, Type.INT, 1000, Range.atLeast(0), Importance.LOW,
                    "How long, in milliseconds, to wait for a TCP connection to a node to be established "
                            + "(0 = no limit).",
                    CONNECTOR_GROUP, 4, Width.SHORT, "Connection timeout")
            .define(READ_TIMEOUT_MS, Type.INT, 3000, Range.atLeast(0), Importance.LOW,
                    "How long, in milliseconds, to wait for a node to answer a request (socket read timeout, "
                            + "0 = no limit). A timed-out bulk request is retried.",
                    CONNECTOR_GROUP, 5, Width.SHORT, "Read timeout")
            .define(BATCH_SIZE, Type.INT, 2000, Range.between(1, 1_000_000), Importance.MEDIUM,
                    "Most records sent in one bulk request. A bulk request is sent as soon as this many records "
                            + "are buffered.",
                    CONNECTOR_GROUP, 6, Width.SHORT, "Batch size")
            .define(LINGER_MS, Type.LONG, 1L, Range.between(0, 7L * 24 * 60 * 60 * 1000), Importance.LOW,
                    "How long, in milliseconds, buffered records may wait for more records to fill a batch before "
                            + "the batch is sent anyway. Offsets are committed only for records already sent.",
                    CONNECTOR_GROUP, 7, Width.SHORT, "Linger time")
            .define(KEY_IGNORE, Type.BOOLEAN, false, null, Importance.HIGH,
                    "false: the document id is the record key as a string (a replay overwrites, never "
                            + "duplicates; null keys are an error). true: the id is 'topic+partition+offset' of "
                            + "the record as it was read from Kafka.",
                    DATA_GROUP, 1, Width.SHORT, "Ignore key")
            .define(INDEX_NAME, Type.STRING, "", new IndexNameValidator(), Importance.HIGH,
                    "Index (or alias, or data stream) every document is written to. Empty: the record's topic "
                            + "name, lower-cased, as Confluent's sink does.",
                    DATA_GROUP, 2, Width.MEDIUM, "Index name")
            .define(BEHAVIOR_ON_NULL_VALUES, Type.STRING, "fail", NULL_VALUES, Importance.LOW,
                    "What to do with a record whose value is null: 'ignore' skips it, 'delete' deletes the "
                            + "document with the record's id, 'fail' fails the task.",
                    DATA_GROUP, 3, Width.SHORT, "Behavior on null values", NULL_VALUES)
            .define(BEHAVIOR_ON_MALFORMED_DOCS, Type.STRING, "fail", MALFORMED, Importance.LOW,
                    "What to do with a document the node rejects as malformed (mapping or parsing errors, HTTP "
                            + "400): 'ignore' skips it, 'warn' skips it and logs its coordinates and the reason, "
                            + "'fail' fails the task.",
                    ERROR_GROUP, 1, Width.SHORT, "Behavior on malformed documents", MALFORMED)
            .define(MAX_RETRIES, Type.INT, 5, Range.atLeast(0), Importance.LOW,
                    "How many times a bulk request that failed for a transient reason (I/O error, HTTP 5xx or "
                            + "429), or the documents the node rejected for lack of capacity, are retried before "
                            + "the task fails.",
                    ERROR_GROUP, 2, Width.SHORT, "Max retries")
            .define(RETRY_BACKOFF_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
                    "Milliseconds to wait before the first retry; each further retry waits up to twice as long "
                            + "as the one before (exponential backoff with jitter).",
                    ERROR_GROUP, 3, Width.SHORT, "Retry backoff");

    /** Parses and validates each key; {@link #ensureConsistent()} checks the combinations. */
    public ElasticsearchSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** Problems that involve several keys, each under the key it is reported on; empty when there are none. */
    public Map<String, String> crossKeyProblems() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (password() != null && username() == null) {
            problems.put(CONNECTION_PASSWORD, "is set but " + CONNECTION_USERNAME + " is not");
        }
        return problems;
    }

    /** @throws ConfigException for the first of {@link #crossKeyProblems()} */
    public ElasticsearchSinkConnectorConfig ensureConsistent() {
        crossKeyProblems().entrySet().stream().findFirst().ifPresent(problem -> {
            throw new ConfigException(problem.getKey(), originals().get(problem.getKey()), problem.getValue());
        });
        return this;
    }

    public List<String> connectionUrls() {
        return getList(CONNECTION_URL);
    }

    public String username() {
        return getString(CONNECTION_USERNAME);
    }

    public Password password() {
        return getPassword(CONNECTION_PASSWORD);
    }

    public int connectionTimeoutMs() {
        return getInt(CONNECTION_TIMEOUT_MS);
    }

    public int readTimeoutMs() {
        return getInt(READ_TIMEOUT_MS);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE);
    }

    public long lingerMs() {
        return getLong(LINGER_MS);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    public boolean ignoreKey() {
        return getBoolean(KEY_IGNORE);
    }

    /** The fixed target index, or {@code null} when documents go to an index named after their topic. */
    public String indexName() {
        String index = getString(INDEX_NAME);
        return index == null || index.isBlank() ? null : index.trim();
    }

    public NullValueBehavior behaviorOnNullValues() {
        return NULL_VALUES.parse(getString(BEHAVIOR_ON_NULL_VALUES));
    }

    public MalformedDocumentBehavior behaviorOnMalformedDocuments() {
        return MALFORMED.parse(getString(BEHAVIOR_ON_MALFORMED_DOCS));
    }

    /** The path all connection URLs share ("" when they have none). */
    public String pathPrefix() {
        return UrlListValidator.pathOf(connectionUrls().get(0));
    }

    /** Every entry an absolute http(s) URL with a host; all with the same path. */
    static final class UrlListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof List<?> urls) || urls.isEmpty()) {
                throw new ConfigException(name, value, "at least one URL is required");
            }
            String path = null;
            for (Object url : urls) {
                String thisPath;
                try {
                    URI uri = new URI(String.valueOf(url).trim());
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        throw new ConfigException(name, value, "not an http:// or https:// URL with a host: " + url);
                    }
                    thisPath = pathOf(String.valueOf(url));
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, "not a URL: " + url);
                }
                if (path != null && !path.equals(thisPath)) {
                    throw new ConfigException(name, value, "all URLs must have the same path");
                }
                path = thisPath;
            }
        }

        static String pathOf(String url) {
            String path = URI.create(url.trim()).getRawPath();
            if (path == null || path.equals("/")) {
                return "";
            }
            return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        }

        @Override
        public String toString() {
            return "http:// or https:// URLs, e.g. http://localhost:9200";
        }
    }

    /** Empty, or a name the search node accepts as an index name. */
    static final class IndexNameValidator implements ConfigDef.Validator {
        private static final String FORBIDDEN = "\\/*?\"<>| ,#:";

        @Override
        public void ensureValid(String name, Object value) {
            String index = value == null ? "" : value.toString().trim();
            if (index.isEmpty()) {
                return;
            }
            if (!index.equals(index.toLowerCase(java.util.Locale.ROOT))) {
                throw new ConfigException(name, value, "index names must be lower case");
            }
            if (index.equals(".") || index.equals("..") || "-_+".indexOf(index.charAt(0)) >= 0) {
                throw new ConfigException(name, value, "index names cannot be '.', '..' or start with -, _ or +");
            }
            for (char c : index.toCharArray()) {
                if (FORBIDDEN.indexOf(c) >= 0) {
                    throw new ConfigException(name, value, "index names cannot contain " + FORBIDDEN);
                }
            }
            if (index.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                throw new ConfigException(name, value, "index names are at most 255 bytes long");
            }
        }

        @Override
        public String toString() {
            return "empty (use the topic name) or a lower-case index name";
        }
    }

    /** Unset, or a value that is not blank. */
    static final class OptionalNonBlank implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            Object plain = value instanceof Password password ? password.value() : value;
            if (plain != null && plain.toString().isBlank()) {
                throw new ConfigException(name, value instanceof Password ? "[hidden]" : value,
                        "must be unset or not blank");
            }
        }

        @Override
        public String toString() {
            return "unset or a non-blank string";
        }
    }
}
