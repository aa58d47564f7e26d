package org.egov.telemetry.unbundle;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.egov.telemetry.core.PluginConfig;

import java.util.HashMap;
import java.util.Map;

/** Configuration of {@link UnbundleSourceConnector}. */
public class UnbundleSourceConfig extends PluginConfig {

    public static final String INPUT_TOPIC = "input.topic";
    public static final String INPUT_BOOTSTRAP_SERVERS = "input.bootstrap.servers";
    public static final String INPUT_CONSUMER_PREFIX = "input.consumer.";
    public static final String OUTPUT_TOPIC = "output.topic";
    public static final String FAILED_TOPIC = "failed.topic";
    public static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    public static final String MAX_EVENT_BYTES = "max.event.bytes";
    public static final String PARTITION_CHECK_INTERVAL_MS = "input.partition.check.interval.ms";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(INPUT_TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic of telemetry batches to unbundle (one JSON batch per record).")
            .define(INPUT_BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonNullValidator(),
                    Importance.HIGH, "Bootstrap servers of the cluster that holds input.topic. Further consumer "
                            + "settings (security, fetch sizes) may be given with the prefix '"
                            + INPUT_CONSUMER_PREFIX + "', e.g. input.consumer.security.protocol. The consumer "
                            + "always reads with isolation.level=read_committed and commits nothing to Kafka: "
                            + "progress is kept in Connect's source offsets.")
            .define(OUTPUT_TOPIC, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Topic that receives one record per event (key = the event's mid).")
            .define(FAILED_TOPIC, Type.STRING, "telemetry-failed-messages", new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, "Topic that receives batches that cannot be unbundled, elements of "
                            + "'events' that are not JSON objects and events larger than " + MAX_EVENT_BYTES
                            + ", unchanged, with the reason in the headers telemetry.error.stage (unbundle), "
                            + "telemetry.error.reason and telemetry.error.path.")
            .define(MAX_EVENT_BYTES, Type.INT, 512 * 1024, Range.between(1024, 64 * 1024 * 1024), Importance.MEDIUM,
                    "Largest event, in bytes of compact JSON after the batch fields are carried into it, that goes "
                            + "to output.topic; a larger one goes to failed.topic instead of into the index. Keep it "
                            + "below the producer's max.request.size.")
            .define(POLL_TIMEOUT_MS, Type.LONG, 1000L, Range.between(1, 60_000), Importance.LOW,
                    "Longest time one poll() waits for new batches, in milliseconds.")
            .define(PARTITION_CHECK_INTERVAL_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                    "How often the connector looks for partitions added to input.topic, in milliseconds. When it "
                            + "finds some it asks Connect to reassign the tasks (up to tasks.max), and each new "
                            + "partition is read from its beginning. 0: only when the connector starts.");

    public UnbundleSourceConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /** No topic may feed itself, and failures stay apart from events. */
    @Override
    protected void checkAcrossKeys(Map<String, String> problems) {
        if (inputTopic().equals(outputTopic())) {
            problems.put(OUTPUT_TOPIC, "output.topic must differ from input.topic, else every event would be read "
                    + "again as a batch");
        }
        if (inputTopic().equals(failedTopic())) {
            problems.put(FAILED_TOPIC, "failed.topic must differ from input.topic, else failures would be read "
                    + "again as batches");
        } else if (outputTopic().equals(failedTopic())) {
            problems.put(FAILED_TOPIC, "failed.topic must differ from output.topic, else failures would be "
                    + "indexed as events");
        }
    }

    public String inputTopic() {
        return getString(INPUT_TOPIC);
    }

    public String outputTopic() {
        return getString(OUTPUT_TOPIC);
    }

    public String failedTopic() {
        return getString(FAILED_TOPIC);
    }

    public int maxEventBytes() {
        return getInt(MAX_EVENT_BYTES);
    }

    public long partitionCheckIntervalMs() {
        return getLong(PARTITION_CHECK_INTERVAL_MS);
    }

    public long pollTimeoutMs() {
        return getLong(POLL_TIMEOUT_MS);
    }

    /** Client settings for the input cluster: the prefixed overrides plus what this connector requires. */
    public Map<String, Object> inputClientConfig() {
        Map<String, Object> config = new HashMap<>(originalsWithPrefix(INPUT_CONSUMER_PREFIX));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(INPUT_BOOTSTRAP_SERVERS)));
        return config;
    }

    public Map<String, Object> consumerConfig(String clientId) {
        Map<String, Object> config = inputClientConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
