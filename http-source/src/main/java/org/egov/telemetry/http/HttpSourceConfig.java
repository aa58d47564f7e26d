package org.egov.telemetry.http;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.eclipse.jetty.util.InetAddressSet;
import org.egov.telemetry.core.ConfigFragment;
import org.egov.telemetry.core.PluginConfig;

import java.util.List;
import java.util.Map;

/**
 * Configuration of {@link TelemetryHttpSourceConnector}: the listener and its limits here, CORS, auth and
 * TLS in their own fragments ({@link CorsSettings}, {@link AuthSettings}, {@link TlsSettings}).
 */
public class HttpSourceConfig extends PluginConfig {

    public static final String TOPIC = "topic";
    public static final String BIND_ADDRESS = "http.bind.address";
    public static final String PORT = "http.port";
    public static final String PATHS = "http.paths";
    public static final String THREADS_MAX = "http.threads.max";
    public static final String IDLE_TIMEOUT_MS = "http.idle.timeout.ms";
    public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_HEADER_BYTES = "http.max.header.bytes";
    public static final String TRUSTED_PROXIES = "http.trusted.proxies";
    public static final String MAX_BODY_BYTES = "max.body.bytes";
    public static final String MAX_INFLIGHT_BATCHES = "max.inflight.batches";
    public static final String MAX_INFLIGHT_BYTES = "max.inflight.bytes";
    public static final String ACK_TIMEOUT_MS = "ack.timeout.ms";
    public static final String STOP_TIMEOUT_MS = "stop.timeout.ms";
    public static final String RETRY_AFTER_SECONDS = "retry.after.seconds";
    public static final String POLL_MAX_BATCHES = "poll.max.batches";

    private static final String LISTENER_GROUP = "Listener";
    private static final String LIMITS_GROUP = "Limits";

    public static final ConfigDef CONFIG_DEF = TlsSettings.define(AuthSettings.define(CorsSettings.define(base())));

    private final CorsSettings cors;
    private final AuthSettings auth;
    private final TlsSettings tls;

    public HttpSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        cors = new CorsSettings(this);
        auth = new AuthSettings(this);
        tls = new TlsSettings(this);
    }

    @Override
    protected List<? extends ConfigFragment> fragments() {
        return List.of(cors, auth, tls);
    }

    private static ConfigDef base() {
        int order = 0;
        return new ConfigDef()
                .define(TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                        "Kafka topic that receives one record per accepted batch (key = batch mid, value = the batch "
                                + "as a schemaless JSON object). SMTs in the connector's chain may re-route records.",
                        LISTENER_GROUP, ++order, Width.MEDIUM, TOPIC)
                .define(BIND_ADDRESS, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                        "Address the HTTP listener binds to inside the Connect worker.",
                        LISTENER_GROUP, ++order, Width.MEDIUM, BIND_ADDRESS)
                .define(PORT, Type.INT, 9001, Range.between(1, 65535), Importance.HIGH,
                        "TCP port of the listener (9001 is Sunbird's). Every task of the connector binds this port "
                                + "with SO_REUSEPORT, so several tasks on one worker share it and the kernel spreads "
                                + "connections over them; tasks on other workers listen on their own hosts.",
                        LISTENER_GROUP, ++order, Width.SHORT, PORT)
                .define(PATHS, Type.LIST, "/v1/telemetry", pathsValidator(), Importance.MEDIUM,
                        "Comma-separated request paths that accept telemetry batches with POST, e.g. "
                                + "'/v1/telemetry,/data/v1/telemetry,/v3/telemetry'. GET /health is always served.",
                        LISTENER_GROUP, ++order, Width.LONG, PATHS)
                .define(THREADS_MAX, Type.INT, 200, Range.between(8, 10_000), Importance.LOW,
                        "Most threads of the listener's pool. A request holds a thread only while its body is read; "
                                + "waiting for Kafka holds none.",
                        LISTENER_GROUP, ++order, Width.SHORT, THREADS_MAX)
                .define(IDLE_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100, 3_600_000), Importance.LOW,
                        "A connection on which nothing is received or sent for this long is closed.",
                        LISTENER_GROUP, ++order, Width.SHORT, IDLE_TIMEOUT_MS)
                .define(READ_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100, 3_600_000), Importance.LOW,
                        "Longest time to receive a whole request body; a client that sends more slowly is answered "
                                + "408 and its connection closed.",
                        LISTENER_GROUP, ++order, Width.SHORT, READ_TIMEOUT_MS)
                .define(MAX_HEADER_BYTES, Type.INT, 8192, Range.between(1024, 1024 * 1024), Importance.LOW,
                        "Largest request line plus headers, in bytes; beyond it the client is answered 431 (or 414 "
                                + "for a long URI).",
                        LISTENER_GROUP, ++order, Width.SHORT, MAX_HEADER_BYTES)
                .define(TRUSTED_PROXIES, Type.LIST, "", proxiesValidator(), Importance.LOW,
                        "Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For header is believed. The "
                                + "client address, from the socket or from such a proxy, travels with each batch in the "
                                + "record header " + IngestHeaders.CLIENT_IP + ", its User-Agent in "
                                + IngestHeaders.USER_AGENT + ".",
                        LISTENER_GROUP, ++order, Width.LONG, TRUSTED_PROXIES)
                .define(MAX_BODY_BYTES, Type.INT, 5 * 1024 * 1024, Range.between(1024, Integer.MAX_VALUE), Importance.MEDIUM,
                        "Largest request body accepted, in bytes after decompression; larger bodies are answered 413 "
                                + "(a compressed body stops being inflated at this size).",
                        LIMITS_GROUP, ++order, Width.SHORT, MAX_BODY_BYTES)
                .define(MAX_INFLIGHT_BATCHES, Type.INT, 10_000, Range.atLeast(1), Importance.MEDIUM,
                        "Most batches of this task that are being received, queued or being written by Connect at "
                                + "one time (a batch whose answer timed out still counts until Connect confirms it); "
                                + "beyond it clients are answered 503 with Retry-After.",
                        LIMITS_GROUP, ++order, Width.SHORT, MAX_INFLIGHT_BATCHES)
                .define(MAX_INFLIGHT_BYTES, Type.LONG, 32L * 1024 * 1024, Range.atLeast(1024), Importance.MEDIUM,
                        "Most body bytes of this task that are being received or are waiting for Kafka at one time "
                                + "(a body of known length counts in full before it is read; a compressed or chunked "
                                + "body counts as it inflates). "
                                + "Beyond it clients are answered 503 with Retry-After. A parsed batch takes several "
                                + "times its JSON size of heap, so keep this well below the worker's heap.",
                        LIMITS_GROUP, ++order, Width.SHORT, MAX_INFLIGHT_BYTES)
                .define(ACK_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(100, Long.MAX_VALUE), Importance.MEDIUM,
                        "How long a request waits for Connect to confirm that its batch is in Kafka before the client "
                                + "is answered 503. A batch Connect has not taken yet is then withdrawn (not stored); "
                                + "one it has taken may still be written, and the client's resend is recognised by "
                                + "the dedup SMT (params.msgid).",
                        LIMITS_GROUP, ++order, Width.SHORT, ACK_TIMEOUT_MS)
                .define(STOP_TIMEOUT_MS, Type.LONG, 3_000L, Range.between(0, 600_000), Importance.LOW,
                        "When the task stops, how long requests whose batches Connect has taken wait for Kafka "
                                + "to confirm them. Those still unconfirmed are then answered 503 (a copy that is "
                                + "written after all is recognised as a duplicate when the client resends). Keep it "
                                + "below the worker's task.shutdown.graceful.timeout.ms (5 s by default), after which "
                                + "the worker abandons the task and its open connections are cut unanswered.",
                        LIMITS_GROUP, ++order, Width.SHORT, STOP_TIMEOUT_MS)
                .define(RETRY_AFTER_SECONDS, Type.INT, 5, Range.between(1, 3600), Importance.LOW,
                        "Value of the Retry-After header sent with 503 answers.",
                        LIMITS_GROUP, ++order, Width.SHORT, RETRY_AFTER_SECONDS)
                .define(POLL_MAX_BATCHES, Type.INT, 500, Range.atLeast(1), Importance.LOW,
                        "Most batches handed to Connect by one poll() call (with exactly-once workers, one "
                                + "transaction).",
                        LIMITS_GROUP, ++order, Width.SHORT, POLL_MAX_BATCHES);
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

    public int threadsMax() {
        return getInt(THREADS_MAX);
    }

    public long idleTimeoutMs() {
        return getLong(IDLE_TIMEOUT_MS);
    }

    public long readTimeoutMs() {
        return getLong(READ_TIMEOUT_MS);
    }

    public int maxHeaderBytes() {
        return getInt(MAX_HEADER_BYTES);
    }

    public InetAddressSet trustedProxies() {
        InetAddressSet set = new InetAddressSet();
        getList(TRUSTED_PROXIES).forEach(set::add);
        return set;
    }

    public int maxBodyBytes() {
        return getInt(MAX_BODY_BYTES);
    }

    public int maxInflightBatches() {
        return getInt(MAX_INFLIGHT_BATCHES);
    }

    public long maxInflightBytes() {
        return getLong(MAX_INFLIGHT_BYTES);
    }

    public long ackTimeoutMs() {
        return getLong(ACK_TIMEOUT_MS);
    }

    public long stopTimeoutMs() {
        return getLong(STOP_TIMEOUT_MS);
    }

    public int retryAfterSeconds() {
        return getInt(RETRY_AFTER_SECONDS);
    }

    public int pollMaxBatches() {
        return getInt(POLL_MAX_BATCHES);
    }

    public CorsSettings cors() {
        return cors;
    }

    public AuthSettings auth() {
        return auth;
    }

    public TlsSettings tls() {
        return tls;
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
                    if (!path.matches("/[A-Za-z0-9._~/-]*") || path.equals("/health") || path.contains("//")) {
                        throw new ConfigException(name, value, "each path must start with '/', use only letters, "
                                + "digits and . _ ~ - /, and not be /health: " + path);
                    }
                }
            }

            @Override
            public String toString() {
                return "absolute paths such as /v1/telemetry";
            }
        };
    }

    private static ConfigDef.Validator proxiesValidator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                for (String entry : entries) {
                    try {
                        new InetAddressSet().add(entry);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, "not an IP address or CIDR range: " + entry);
                    }
                }
            }

            @Override
            public String toString() {
                return "IP addresses or CIDR ranges, e.g. 10.0.0.0/8,192.168.1.10";
            }
        };
    }
}
