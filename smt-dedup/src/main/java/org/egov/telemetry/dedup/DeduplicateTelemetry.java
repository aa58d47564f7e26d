package org.egov.telemetry.dedup;

import com.github.benmanes.caffeine.cache.Ticker;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.FieldPath;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.PluginConfig;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.Sha256;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Drops (or routes) a record whose key (batch hash, {@code params.msgid}, {@code mid} or any field) was
 * already seen within the window, remembered per task in memory or cluster-wide in Redis. Records without
 * the key, and records of producers outside the include-list, pass through unchecked.
 */
public class DeduplicateTelemetry<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    private static final Logger log = LoggerFactory.getLogger(DeduplicateTelemetry.class);

    public static final String OVERVIEW_DOC = "Drops telemetry already seen within a time window, or routes it to "
            + "duplicate.topic with flags.<duplicate.flag>=true. The identity is DIGIT's batch hash (SHA-256 of the "
            + "batch without syncts and mid), Sunbird's params.msgid, the mid, or any field. Keys are kept in this "
            + "task's memory (bounded) or in Redis (cluster-wide: one atomic SET NX PX per record). Only producers "
            + "in producers.include are checked when it is set; with replays.pass, a record replayed from the source "
            + "position that stored its key passes. Counts unique, duplicate, replayed, unchecked records and "
            + "store errors in the plugin metrics unique-records-total, duplicate-records-total, "
            + "replayed-records-total, unchecked-records-total and store-errors-total.";

    public static final String KEY = "key";
    public static final String KEY_FIELD = "key.field";
    public static final String PRODUCERS_INCLUDE = "producers.include";
    public static final String PRODUCER_FIELD = "producer.field";
    public static final String STORE = "store";
    public static final String WINDOW_MS = "window.ms";
    public static final String MEMORY_MAX_ENTRIES = "memory.max.entries";
    public static final String BEHAVIOR_ON_STORE_ERROR = "behavior.on.store.error";
    public static final String BEHAVIOR_ON_DUPLICATE = "behavior.on.duplicate";
    public static final String DUPLICATE_TOPIC = "duplicate.topic";
    public static final String DUPLICATE_FLAG = "duplicate.flag";
    public static final String REPLAYS_PASS = "replays.pass";

    /** Header that a routed duplicate carries: the key it was recognised by. */
    public static final String DUPLICATE_KEY_HEADER = "telemetry.duplicate.key";

    /** Keys longer than this are replaced by their SHA-256, so a client cannot make the store hold huge keys. */
    static final int MAX_KEY_LENGTH = 256;

    /** Where seen keys are remembered. */
    public enum Store { MEMORY, REDIS }

    /** What happens to a duplicate. */
    public enum Behavior { DROP, ROUTE }

    /** What happens when the store cannot answer. */
    public enum StoreErrorBehavior { PASS, FAIL }

    private static final EnumValidator<DedupKeys> KEYS = EnumValidator.of(DedupKeys.class);
    private static final EnumValidator<Store> STORES = EnumValidator.of(Store.class);
    private static final EnumValidator<Behavior> BEHAVIORS = EnumValidator.of(Behavior.class);
    private static final EnumValidator<StoreErrorBehavior> STORE_ERROR_BEHAVIORS =
            EnumValidator.of(StoreErrorBehavior.class);

    public static final ConfigDef CONFIG_DEF = RedisStoreConfig.addTo(new ConfigDef()
            .define(KEY, Type.STRING, "auto", KEYS, Importance.HIGH,
                    "Identity of a record: 'batch_hash' (DIGIT: SHA-256 of the batch without syncts and mid), "
                            + "'msgid' (Sunbird's params.msgid), 'mid', 'field' (the value at key.field), or 'auto' "
                            + "(msgid when present, else the batch hash).", null, -1, ConfigDef.Width.SHORT, KEY, KEYS)
            .define(KEY_FIELD, Type.STRING, "", Importance.MEDIUM,
                    "Dot-separated path of the field whose value (a string, number or boolean) is the identity "
                            + "when key=field, e.g. 'context.sid' or 'edata.id'. Required by key=field, ignored "
                            + "otherwise.")
            .define(PRODUCERS_INCLUDE, Type.LIST, "", Importance.MEDIUM,
                    "Producer ids (the value at producer.field) whose records are de-duplicated, as Sunbird's "
                            + "dedup.producer.included.ids; records of other producers pass unchecked. Empty: "
                            + "every record is checked.")
            .define(PRODUCER_FIELD, Type.STRING, "context.pdata.id", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Dot-separated path of the producer id that producers.include is matched against. "
                            + "'context.pdata.id' for events; for batches from the HTTP source use 'pid' (its "
                            + "x-app-id header).")
            .define(STORE, Type.STRING, "memory", STORES, Importance.MEDIUM,
                    "Where seen keys are kept: 'memory' (bounded, per task, lost on restart) or 'redis' "
                            + "(cluster-wide, shared by every task and connector with the same redis.* server and "
                            + "redis.key.prefix).", null, -1, ConfigDef.Width.SHORT, STORE, STORES)
            .define(WINDOW_MS, Type.LONG, Duration.ofHours(24).toMillis(), Range.atLeast(1), Importance.MEDIUM,
                    "How long a key is remembered after it was first seen, in milliseconds.")
            .define(MEMORY_MAX_ENTRIES, Type.LONG, 1_000_000L, Range.atLeast(1), Importance.LOW,
                    "Most keys the memory store holds; beyond it the least recently used are forgotten.")
            .define(BEHAVIOR_ON_STORE_ERROR, Type.STRING, "pass", STORE_ERROR_BEHAVIORS, Importance.MEDIUM,
                    "What to do when the store cannot answer (Redis down or too slow): 'pass' lets the record "
                            + "through unchecked and counts it in store-errors-total; 'fail' throws a "
                            + "RetriableException, which Connect retries for the connector's errors.retry.timeout "
                            + "(set it, e.g. -1 to wait until Redis is back; with the default 0 the task fails).",
                    null, -1, ConfigDef.Width.SHORT, BEHAVIOR_ON_STORE_ERROR, STORE_ERROR_BEHAVIORS)
            .define(BEHAVIOR_ON_DUPLICATE, Type.STRING, "drop", BEHAVIORS, Importance.MEDIUM,
                    "What to do with a duplicate: 'drop' it, or 'route' it to duplicate.topic with the key it "
                            + "matched in the header " + DUPLICATE_KEY_HEADER + " and, when the value is a JSON "
                            + "object, flags.<duplicate.flag>=true in a copy of it. In a source connector that "
                            + "acknowledges clients from commitRecord (the HTTP source), use 'route': with "
                            + "exactly-once workers Connect confirms a poll whose records were all dropped only "
                            + "when a later record is written, so the client of a dropped duplicate waits.",
                    null, -1, ConfigDef.Width.SHORT, BEHAVIOR_ON_DUPLICATE, BEHAVIORS)
            .define(DUPLICATE_TOPIC, Type.STRING, "telemetry-duplicate-messages", new ConfigDef.NonEmptyString(),
                    Importance.LOW, "Topic that receives duplicates when behavior.on.duplicate=route.")
            .define(DUPLICATE_FLAG, Type.STRING, DuplicateMarks.DEFAULT_FLAG, Importance.LOW,
                    "Name of the flag set to true under 'flags' in a routed duplicate whose value is a JSON "
                            + "object: 'pp_duplicate' is what Sunbird's pipeline preprocessor sets on a duplicate "
                            + "event, 'dd_duplicate_event' what its de-duplication job sets. Empty: no flag.")
            .define(REPLAYS_PASS, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Remember each key with the source partition and offset of the record that stored it, and "
                            + "pass (not treat as a duplicate) a record with that key from the same source "
                            + "position: a replay, e.g. when an exactly-once source task restarts from its "
                            + "committed offsets after a failed transaction and its keys are still in Redis. Turn "
                            + "it on in the unbundle source, whose source offset is the input offset; leave it off "
                            + "at the HTTP edge, whose offsets are receive times that two requests can share."));

    private DedupKeys keys;
    private FieldPath keyField;
    private Set<String> producers;
    private FieldPath producerField;
    private Behavior behavior;
    private StoreErrorBehavior onStoreError;
    private String duplicateTopic;
    private String duplicateFlag;
    private boolean replaysPass;
    private SeenStore store;
    private DedupMetrics metrics = DedupMetrics.none();
    private final Ticker ticker;
    private final Function<AbstractConfig, SeenStore> redisFactory;

    public DeduplicateTelemetry() {
        this(Ticker.systemTicker());
    }

    DeduplicateTelemetry(Ticker ticker) {
        this(ticker, config -> RedisStoreConfig.createStore(config, Duration.ofMillis(config.getLong(WINDOW_MS))));
    }

    DeduplicateTelemetry(Ticker ticker, Function<AbstractConfig, SeenStore> redisFactory) {
        this.ticker = ticker;
        this.redisFactory = redisFactory;
    }

    @Override
    public void configure(Map<String, ?> props) {
        PluginConfig config = new PluginConfig(CONFIG_DEF, props) {
            @Override
            protected void checkAcrossKeys(Map<String, String> problems) {
                if (KEYS.parse(getString(KEY)) == DedupKeys.FIELD && FieldPath.parse(getString(KEY_FIELD)) == null) {
                    problems.put(KEY_FIELD, "must name a field when key=field");
                }
            }
        };
        config.ensureConsistent();
        keys = KEYS.parse(config.getString(KEY));
        keyField = FieldPath.parse(config.getString(KEY_FIELD));
        List<String> included = config.getList(PRODUCERS_INCLUDE);
        producers = included.isEmpty() ? null : Set.copyOf(included);
        producerField = FieldPath.parse(config.getString(PRODUCER_FIELD));
        behavior = BEHAVIORS.parse(config.getString(BEHAVIOR_ON_DUPLICATE));
        onStoreError = STORE_ERROR_BEHAVIORS.parse(config.getString(BEHAVIOR_ON_STORE_ERROR));
        duplicateTopic = config.getString(DUPLICATE_TOPIC);
        String flag = config.getString(DUPLICATE_FLAG);
        duplicateFlag = flag == null || flag.isBlank() ? null : flag.trim();
        replaysPass = config.getBoolean(REPLAYS_PASS);
        store = STORES.parse(config.getString(STORE)) == Store.REDIS ? redisFactory.apply(config)
                : new MemoryDedupStore(config.getLong(MEMORY_MAX_ENTRIES),
                        Duration.ofMillis(config.getLong(WINDOW_MS)), ticker);
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics = DedupMetrics.of(pluginMetrics);
    }

    @Override
    public R apply(R record) {
        String key = keyOf(record.value());
        if (key == null) {
            metrics.unchecked();
            return record;
        }
        String origin = replaysPass ? originOf(record) : "";
        String seenAt;
        try {
            seenAt = store.putIfAbsent(key, origin);
        } catch (RuntimeException e) {
            metrics.storeError();
            if (onStoreError == StoreErrorBehavior.FAIL) {
                throw new RetriableException("De-duplication store unavailable for the record from topic "
                        + record.topic() + " partition " + record.kafkaPartition() + ": " + e.getMessage(), e);
            }
            log.debug("Store unavailable; passing the record from topic {} partition {} unchecked",
                    record.topic(), record.kafkaPartition());
            return record;
        }
        if (seenAt == null) {
            metrics.unique();
            return record;
        }
        if (!origin.isEmpty() && origin.equals(seenAt)) {
            metrics.replayed();
            return record;
        }
        metrics.duplicate();
        log.debug("Duplicate from topic {} partition {}", record.topic(), record.kafkaPartition());
        if (behavior == Behavior.DROP) {
            return null;
        }
        Headers headers = record.headers().duplicate();
        headers.addString(DUPLICATE_KEY_HEADER, key);
        return record.newRecord(duplicateTopic, null, record.keySchema(), record.key(), record.valueSchema(),
                DuplicateMarks.marked(record.value(), duplicateFlag), record.timestamp(), headers);
    }

    /** @return the store key of the value, or null when it is not checked */
    private String keyOf(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, Object> object;
        try {
            object = RecordValues.asObject(value, "de-duplication");
        } catch (DataException e) {
            return null;
        }
        if (producers != null) {
            String producer = producerField.readScalar(object);
            if (producer == null || !producers.contains(producer)) {
                return null;
            }
        }
        String key;
        try {
            key = keys.keyOf(object, keyField);
        } catch (RuntimeException e) {
            return null;
        }
        return key == null || key.length() <= MAX_KEY_LENGTH ? key : "long:" + Sha256.hex(key);
    }

    /** The source partition and offset as canonical JSON, or "" when the record has none. */
    private static String originOf(ConnectRecord<?> record) {
        if (record instanceof SourceRecord source && source.sourcePartition() != null
                && source.sourceOffset() != null) {
            try {
                return new String(Json.toCanonicalBytes(List.of(source.sourcePartition(), source.sourceOffset())),
                        StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                return "";
            }
        }
        return "";
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Override
    public String version() {
        return Version.get();
    }

    /** Sunbird's duplicate flag on a copy of a routed duplicate. */
    static final class DuplicateMarks {

        static final String DEFAULT_FLAG = "pp_duplicate";
        static final String FLAGS = "flags";

        private DuplicateMarks() {
        }

        /**
         * @return a copy of a map value with {@code flags.<flag>=true}; the value itself when it is not a map,
         *         when {@code flag} is null, or when its {@code flags} is not an object
         */
        @SuppressWarnings("unchecked")
        static Object marked(Object value, String flag) {
            if (flag == null || !(value instanceof Map<?, ?> map)) {
                return value;
            }
            Object flags = map.get(FLAGS);
            if (flags != null && !(flags instanceof Map)) {
                return value;
            }
            Map<String, Object> copy = new HashMap<>((Map<String, Object>) map);
            Map<String, Object> newFlags = flags == null ? new HashMap<>()
                    : new HashMap<>((Map<String, Object>) flags);
            newFlags.put(flag, true);
            copy.put(FLAGS, newFlags);
            return copy;
        }
    }
}
