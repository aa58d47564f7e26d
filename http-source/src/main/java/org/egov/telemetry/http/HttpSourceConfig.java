package org.egov.telemetry.http;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.Map;

/** Configuration of {@link TelemetryHttpSourceConnector}. */
public class HttpSourceConfig extends AbstractConfig {

    public static final String TOPIC = "topic";
    public static final String BIND_ADDRESS = "http.bind.address";
    public static final String PORT = "http.port";
    public static final String PATHS = "http.paths";
    public static final String MAX_BODY_BYTES = "max.body.bytes";
    public static final String ACK_TIMEOUT_MS = "ack.timeout.ms";
    public static final String QUEUE_MAX_BATCHES = "queue.max.batches";
    public static final String POLL_MAX_BATCHES = "poll.max.batches";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Kafka topic that receives one record per accepted batch (key = batch mid, value = the batch "
                            + "as a schemaless JSON object). SMTs in the connector's chain may re-route records.")
            .define(BIND_ADDRESS, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Address the HTTP listener binds to inside the Connect worker.")
            .define(PORT, Type.INT, 9001, Range.between(1, 65535), Importance.HIGH,
                    "TCP port of the HTTP listener. 9001 is the port Sunbird's telemetry service uses.")
            .define(PATHS, Type.LIST, "/v1/telemetry", pathsValidator(), Importance.MEDIUM,
                    "Comma-separated request paths that accept telemetry batches with POST, e.g. "
                            + "'/v1/telemetry,/data/v1/telemetry'. GET /health is always served.")
            .define(MAX_BODY_BYTES, Type.INT, 5 * 1024 * 1024, Range.between(1024, Integer.MAX_VALUE), Importance.MEDIUM,
                    "Largest request body accepted, in bytes; larger bodies are answered with 413.")
            .define(ACK_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100, Long.MAX_VALUE), Importance.MEDIUM,
                    "How long a request waits for Connect to confirm that its batch is written to Kafka before the "
                            + "client is answered 503 (the client then retries with the same batch).")
            .define(QUEUE_MAX_BATCHES, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                    "Batches accepted over HTTP but not yet handed to Connect; when the queue is full clients "
                            + "are answered 503 with Retry-After.")
            .define(POLL_MAX_BATCHES, Type.INT, 500, Range.atLeast(1), Importance.LOW,
                    "Most batches handed to Connect by one poll() call.");

    public HttpSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public String topic() {
        return getString(TOPIC);
    }

    public String bindAddress() {
        return getString(BIND_ADDRESS);
    }

    public int port() {
        return getInt(PORT);
    }

    public List<String> paths() {
        return getList(PATHS);
    }

    public int maxBodyBytes() {
        return getInt(MAX_BODY_BYTES);
    }

    public long ackTimeoutMs() {
        return getLong(ACK_TIMEOUT_MS);
    }

    public int queueMaxBatches() {
        return getInt(QUEUE_MAX_BATCHES);
    }

    public int pollMaxBatches() {
        return getInt(POLL_MAX_BATCHES);
    }

    private static ConfigDef.Validator pathsValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> paths = (List<String>) value;
                if (paths == null || paths.isEmpty()) {
                    throw new ConfigException(name, value, "at least one path is required");
                }
                for (String path : paths) {
                    if (!path.startsWith("/") || path.equals("/health") || path.contains(" ")) {
                        throw new ConfigException(name, value,
                                "each path must start with '/', contain no spaces and not be /health: " + path);
                    }
                }
            }

            @Override
            public String toString() {
                return "absolute paths such as /v1/telemetry";
            }
        };
    }
}
