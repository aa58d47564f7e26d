package org.egov.telemetry.dedup;

import com.github.benmanes.caffeine.cache.Ticker;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.core.DedupStore;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Drops a record whose key (batch hash, {@code params.msgid} or {@code mid}) was already seen within the
 * window. Records without the key pass through.
 */
public class DeduplicateTelemetry<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    private static final Logger log = LoggerFactory.getLogger(DeduplicateTelemetry.class);

    public static final String OVERVIEW_DOC = "Drops telemetry already seen within a time window. The identity "
            + "is DIGIT's batch hash (SHA-256 of the batch without syncts and mid), Sunbird's params.msgid, or the "
            + "mid. The memory store is bounded and local to each task.";

    public static final String KEY = "key";
    public static final String STORE = "store";
    public static final String WINDOW_MS = "window.ms";
    public static final String MEMORY_MAX_ENTRIES = "memory.max.entries";
    public static final String BEHAVIOR_ON_DUPLICATE = "behavior.on.duplicate";
    public static final String DUPLICATE_TOPIC = "duplicate.topic";

    /** Header that a routed duplicate carries: the key it was recognised by. */
    public static final String DUPLICATE_KEY_HEADER = "telemetry.duplicate.key";

    /** Where seen keys are remembered. */
    public enum Store { MEMORY }

    /** What happens to a duplicate. */
    public enum Behavior { DROP, ROUTE }

    private static final EnumValidator<DedupKeys> KEYS = EnumValidator.of(DedupKeys.class);
    private static final EnumValidator<Store> STORES = EnumValidator.of(Store.class);
    private static final EnumValidator<Behavior> BEHAVIORS = EnumValidator.of(Behavior.class);

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(KEY, Type.STRING, "auto", KEYS, Importance.HIGH,
                    "Identity of a record: 'batch_hash' (DIGIT: SHA-256 of the batch without syncts and mid), "
                            + "'msgid' (Sunbird's params.msgid), 'mid', or 'auto' (msgid when present, else the "
                            + "batch hash).", null, -1, ConfigDef.Width.SHORT, KEY, KEYS)
            .define(STORE, Type.STRING, "memory", STORES, Importance.MEDIUM,
                    "Where seen keys are kept: 'memory' (bounded, per task).", null, -1, ConfigDef.Width.SHORT,
                    STORE, STORES)
            .define(WINDOW_MS, Type.LONG, Duration.ofHours(24).toMillis(), Range.atLeast(1), Importance.MEDIUM,
                    "How long a key is remembered after it was first seen, in milliseconds.")
            .define(MEMORY_MAX_ENTRIES, Type.LONG, 1_000_000L, Range.atLeast(1), Importance.LOW,
                    "Most keys the memory store holds; beyond it the least recently used are forgotten.")
            .define(BEHAVIOR_ON_DUPLICATE, Type.STRING, "drop", BEHAVIORS, Importance.MEDIUM,
                    "What to do with a duplicate: 'drop' it, or 'route' it unchanged to duplicate.topic with the "
                            + "key it matched in the header " + DUPLICATE_KEY_HEADER + ". In a source connector "
                            + "that acknowledges clients from commitRecord (the HTTP source), use 'route': with "
                            + "exactly-once workers Connect confirms a poll whose records were all dropped only "
                            + "when a later record is written, so the client of a dropped duplicate waits.",
                    null, -1, ConfigDef.Width.SHORT, BEHAVIOR_ON_DUPLICATE, BEHAVIORS)
            .define(DUPLICATE_TOPIC, Type.STRING, "telemetry-duplicate-messages", new ConfigDef.NonEmptyString(),
                    Importance.LOW, "Topic that receives duplicates when behavior.on.duplicate=route.");

    private DedupKeys keys;
    private Behavior behavior;
    private String duplicateTopic;
    private DedupStore store;
    private final Ticker ticker;

    public DeduplicateTelemetry() {
        this(Ticker.systemTicker());
    }

    DeduplicateTelemetry(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        keys = KEYS.parse(config.getString(KEY));
        behavior = BEHAVIORS.parse(config.getString(BEHAVIOR_ON_DUPLICATE));
        duplicateTopic = config.getString(DUPLICATE_TOPIC);
        store = new MemoryDedupStore(config.getLong(MEMORY_MAX_ENTRIES),
                Duration.ofMillis(config.getLong(WINDOW_MS)), ticker);
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        Map<String, Object> value;
        try {
            value = RecordValues.asObject(record.value(), "de-duplication");
        } catch (DataException e) {
            return record;
        }
        String key = keys.keyOf(value);
        if (key == null || store.putIfAbsent(key)) {
            return record;
        }
        log.debug("Duplicate {} from topic {}", key, record.topic());
        if (behavior == Behavior.DROP) {
            return null;
        }
        Headers headers = record.headers().duplicate();
        headers.addString(DUPLICATE_KEY_HEADER, key);
        return record.newRecord(duplicateTopic, null, record.keySchema(), record.key(), record.valueSchema(),
                record.value(), record.timestamp(), headers);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
