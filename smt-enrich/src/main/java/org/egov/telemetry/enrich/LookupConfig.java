package org.egov.telemetry.enrich;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.FieldPath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of one lookup, given to {@link EnrichTelemetry} as {@code lookup.<name>.<key>} for each name in
 * {@code lookups}.
 */
final class LookupConfig extends AbstractConfig {

    static final String PREFIX = "lookup.";

    static final String KEY_FIELD = "key.field";
    static final String TARGET_FIELD = "target.field";
    static final String FLAG = "flag";
    static final String SOURCE = "source";
    static final String FILE = "file";
    static final String FILE_FORMAT = "file.format";
    static final String FILE_KEY_COLUMN = "file.key.column";
    static final String TOPIC = "topic";
    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    static final String CONSUMER_PREFIX = "consumer.";
    static final String MAX_ENTRIES = "max.entries";
    static final String LOAD_TIMEOUT_MS = "load.timeout.ms";

    /** Where a table comes from. */
    enum Source { FILE, TOPIC }

    /** How a table file is written. */
    enum FileFormat { AUTO, JSON, CSV }

    static final EnumValidator<Source> SOURCES = EnumValidator.of(Source.class);
    static final EnumValidator<FileFormat> FORMATS = EnumValidator.of(FileFormat.class);

    static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(KEY_FIELD, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Dotted path of the event field whose value (a string or number) is looked "
                            + "up, e.g. actor.id, context.did or tenant.tenantId.")
            .define(TARGET_FIELD, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Dotted path of the event field that receives the table's JSON object for "
                            + "the key, e.g. userdata, devicedata or tenantdata. An object already there keeps "
                            + "its other keys.")
            .define(FLAG, Type.STRING, "", Importance.LOW,
                    "Name of the boolean under 'flags' that tells whether the key was found (true) or not "
                            + "(false), as Sunbird's denormalisation marks events. Empty: <name>_denorm.")
            .define(SOURCE, Type.STRING, "file", SOURCES, Importance.HIGH,
                    "Where the table comes from: 'file' (read once when the task starts) or 'topic' (a compacted "
                            + "Kafka topic of key → JSON object, read from the beginning and followed while the "
                            + "task runs; a null value removes its key).")
            .define(FILE, Type.STRING, "", Importance.HIGH,
                    "source=file: path of the table on every worker, relative to the worker's working "
                            + "directory unless absolute. JSON: one object whose keys are the lookup keys and "
                            + "whose values are objects. CSV: a header row, then one row per key.")
            .define(FILE_FORMAT, Type.STRING, "auto", FORMATS, Importance.LOW,
                    "source=file: 'json', 'csv', or 'auto' (by the file name's extension, .csv or else JSON).")
            .define(FILE_KEY_COLUMN, Type.STRING, "", Importance.LOW,
                    "source=file, CSV: the column that holds the key (it is also kept in the object). Empty: "
                            + "the first column.")
            .define(TOPIC, Type.STRING, "", Importance.HIGH,
                    "source=topic: the compacted topic. Record keys are UTF-8 strings, values JSON objects.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, "", Importance.HIGH,
                    "source=topic: bootstrap servers of the cluster that holds the topic. Further consumer "
                            + "settings (security, fetch sizes) may be given with the prefix '" + CONSUMER_PREFIX
                            + "', e.g. lookup.<name>.consumer.security.protocol. The consumer reads with "
                            + "isolation.level=read_committed, in no consumer group, and commits nothing.")
            .define(MAX_ENTRIES, Type.LONG, 100_000L, Range.atLeast(1), Importance.MEDIUM,
                    "Most keys held in memory. A file with more rows is refused; a topic table keeps the most "
                            + "used keys within this bound and counts a key it dropped as not found.")
            .define(LOAD_TIMEOUT_MS, Type.LONG, 30_000L, Range.between(0, 600_000), Importance.LOW,
                    "source=topic: how long the task's start waits for the table to be read up to the end of the "
                            + "topic as it was at start, in milliseconds; past it the table goes on loading in the "
                            + "background while events flow (keys not yet read count as not found).");

    private final String name;

    /** @throws ConfigException naming the lookup's prefix (lookup.<name>.) and the key of the first problem */
    static LookupConfig of(String name, Map<String, ?> smtProps) {
        try {
            return new LookupConfig(name, withPrefixStripped(name, smtProps), true);
        } catch (Invalid e) {
            throw e;
        } catch (ConfigException e) {
            // Kafka names the key without the prefix (key.field): say which lookup it belongs to.
            throw new ConfigException("Lookup '" + name + "', keys " + prefix(name) + "*: " + e.getMessage());
        }
    }

    private LookupConfig(String name, Map<String, ?> ownProps, boolean check) {
        super(CONFIG_DEF, ownProps, check);
        this.name = name;
        if (check) {
            List<Invalid> problems = problems();
            if (!problems.isEmpty()) {
                throw problems.get(0);
            }
        }
    }

    static String prefix(String name) {
        return PREFIX + name + ".";
    }

    /**
     * This lookup's keys under their full names, as Kafka's {@code ConnectorConfig} declares the keys of each
     * transformation alias: {@link #CONFIG_DEF} embedded under the prefix {@code lookup.<name>.}.
     */
    static ConfigDef definition(String name) {
        ConfigDef definition = new ConfigDef();
        definition.embed(prefix(name), "Lookup " + name, 0, CONFIG_DEF);
        return definition;
    }

    /**
     * Validates one lookup as {@link ConfigDef#validateAll} does, reporting every problem on the full name of
     * its key (lookup.<name>.file): the keys one by one, then what needs several of them or the file.
     */
    static Map<String, ConfigValue> validate(String name, Map<String, String> smtProps) {
        Map<String, ConfigValue> values = definition(name).validateAll(smtProps);
        if (values.values().stream().allMatch(value -> value.errorMessages().isEmpty())) {
            LookupConfig config = new LookupConfig(name, withPrefixStripped(name, smtProps), false);
            List<Invalid> problems = config.problems();
            if (problems.isEmpty() && config.source() == Source.FILE) {
                try {
                    FileTable.load(config);
                } catch (Invalid e) {
                    problems = List.of(e);
                }
            }
            problems.forEach(problem -> values.get(config.key(problem.key)).addErrorMessage(problem.getMessage()));
        }
        return values;
    }

    /** What makes this lookup unusable although each key is valid on its own, by key; empty when none. */
    List<Invalid> problems() {
        List<Invalid> problems = new ArrayList<>();
        checkPath(KEY_FIELD, keyField(), problems);
        checkPath(TARGET_FIELD, targetField(), problems);
        checkPath(FLAG, "flags." + flag(), problems);
        if (source() == Source.FILE) {
            if (file().isEmpty()) {
                problems.add(invalid(FILE, "", "a lookup with source=file needs a file"));
            } else if (!Files.isReadable(Path.of(file()))) {
                problems.add(invalid(FILE, file(), "no readable file there (relative to "
                        + Path.of("").toAbsolutePath() + ")"));
            }
        } else {
            if (topic().isEmpty()) {
                problems.add(invalid(TOPIC, "", "a lookup with source=topic needs a topic"));
            }
            if (bootstrapServers().isEmpty()) {
                problems.add(invalid(BOOTSTRAP_SERVERS, "", "a lookup with source=topic needs bootstrap servers"));
            }
        }
        return problems;
    }

    private void checkPath(String key, String value, List<Invalid> problems) {
        try {
            FieldPath.of(value);
        } catch (IllegalArgumentException e) {
            problems.add(invalid(key, value, e.getMessage()));
        }
    }

    /** A problem with one of this lookup's keys (given without the prefix), reported under its full name. */
    Invalid invalid(String key, Object value, String reason) {
        return new Invalid(this, key, value, reason);
    }

    /** A {@link ConfigException} that knows which key of its lookup it is about. */
    static final class Invalid extends ConfigException {
        private static final long serialVersionUID = 1L;

        private final String key;

        private Invalid(LookupConfig config, String key, Object value, String reason) {
            super(config.key(key), value, reason);
            this.key = key;
        }
    }

    private static Map<String, Object> withPrefixStripped(String name, Map<String, ?> props) {
        String prefix = prefix(name);
        Map<String, Object> out = new HashMap<>();
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    String name() {
        return name;
    }

    /** The full name of a key, as the user writes it, for error messages. */
    String key(String key) {
        return prefix(name) + key;
    }

    String keyField() {
        return getString(KEY_FIELD);
    }

    String targetField() {
        return getString(TARGET_FIELD);
    }

    String flag() {
        String flag = getString(FLAG).trim();
        return flag.isEmpty() ? name + "_denorm" : flag;
    }

    Source source() {
        return SOURCES.parse(getString(SOURCE));
    }

    String file() {
        return getString(FILE).trim();
    }

    FileFormat fileFormat() {
        FileFormat format = FORMATS.parse(getString(FILE_FORMAT));
        if (format != FileFormat.AUTO) {
            return format;
        }
        return file().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? FileFormat.CSV : FileFormat.JSON;
    }

    String fileKeyColumn() {
        return getString(FILE_KEY_COLUMN).trim();
    }

    String topic() {
        return getString(TOPIC).trim();
    }

    String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS).trim();
    }

    long maxEntries() {
        return getLong(MAX_ENTRIES);
    }

    long loadTimeoutMs() {
        return getLong(LOAD_TIMEOUT_MS);
    }

    Map<String, Object> consumerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>(originalsWithPrefix(CONSUMER_PREFIX));
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
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
