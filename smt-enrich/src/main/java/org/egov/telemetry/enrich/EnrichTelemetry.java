package org.egov.telemetry.enrich;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.ClientHeaders;
import org.egov.telemetry.core.FieldPath;
import org.egov.telemetry.core.PluginConfig;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.TelemetryFields;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Adds derived fields to a telemetry event: {@code @timestamp}, device data from the user agent, DIGIT
 * tenancy, and lookups joined from a file or a compacted topic. Whatever it cannot derive is left out and
 * counted; this transformation never fails a record and never changes its input.
 */
public class EnrichTelemetry<R extends ConnectRecord<R>> implements Transformation<R>, Versioned, Monitorable {

    private static final Logger log = LoggerFactory.getLogger(EnrichTelemetry.class);

    public static final String OVERVIEW_DOC = "Enriches telemetry events, in this order: <code>@timestamp</code> "
            + "(ISO-8601, UTC, milliseconds, as DIGIT's indexer writes it) from ets or syncts; device data "
            + "(browser, OS, device type) parsed from the event's user agent or the record's User-Agent header; "
            + "DIGIT tenancy (tenantId, state, city from a tenant id such as pb.amritsar); and lookups that join an "
            + "event field against a JSON/CSV file or a compacted Kafka topic, writing the found object under a "
            + "target field with flags.&lt;name&gt;_denorm. An event that lacks an input is left as it is for that "
            + "step and counted (plugin metrics enriched-total, missing-input-total, not-found-total, "
            + "unusable-total, tagged enrichment=...). Records whose value is not a JSON object pass unchanged.";

    public static final String TIMESTAMP_ENABLED = "timestamp.enabled";
    public static final String TIMESTAMP_SOURCE = "timestamp.source";
    public static final String TIMESTAMP_FIELD = "timestamp.field";
    public static final String USERAGENT_ENABLED = "useragent.enabled";
    public static final String USERAGENT_FIELD = "useragent.field";
    public static final String USERAGENT_HEADER = "useragent.header";
    public static final String USERAGENT_TARGET_FIELD = "useragent.target.field";
    public static final String USERAGENT_CACHE_SIZE = "useragent.cache.size";
    public static final String TENANCY_ENABLED = "tenancy.enabled";
    public static final String TENANCY_FIELDS = "tenancy.fields";
    public static final String TENANCY_PATTERN = "tenancy.pattern";
    public static final String TENANCY_TARGET_FIELD = "tenancy.target.field";
    public static final String LOOKUPS = "lookups";

    /** Which epoch-millisecond field {@code @timestamp} is made from. */
    public enum TimestampSource { ETS, SYNCTS }

    private static final EnumValidator<TimestampSource> SOURCES = EnumValidator.of(TimestampSource.class);

    private static final String DEFAULT_TENANT_PATTERN = "(?<state>[a-z][a-z0-9]*)(?:\\.(?<city>[a-z][a-z0-9_-]*))?";

    /** Its {@code validate} and {@code validateAll} also check the keys of each lookup ({@link EnrichConfigDef}). */
    public static final ConfigDef CONFIG_DEF = new EnrichConfigDef()
            .define(TIMESTAMP_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Whether to add the formatted timestamp.")
            .define(TIMESTAMP_SOURCE, Type.STRING, "ets", SOURCES, Importance.MEDIUM,
                    "Event field (epoch milliseconds) that the timestamp is made from: 'ets' (when the event "
                            + "happened) or 'syncts' (when the server received its batch).", null, -1,
                    ConfigDef.Width.SHORT, TIMESTAMP_SOURCE, SOURCES)
            .define(TIMESTAMP_FIELD, Type.STRING, TelemetryFields.TIMESTAMP, FieldPath.validator(),
                    Importance.LOW, "Name of the field that receives the formatted timestamp.")
            .define(USERAGENT_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Whether to add device data parsed from the user agent (browser, browserVersion, os, "
                            + "osVersion, deviceType, deviceBrand, deviceName; each only when recognised). The "
                            + "parser (Yauaa) is built once per worker, which takes a few seconds and about 150 MB.")
            .define(USERAGENT_FIELD, Type.STRING, "edata.userAgent", Importance.LOW,
                    "Dotted path of the event field that holds a user agent (DIGIT's clients send "
                            + "edata.userAgent). Used first; empty: not read.")
            .define(USERAGENT_HEADER, Type.STRING, ClientHeaders.USER_AGENT, Importance.LOW,
                    "Record header with the User-Agent of the client that posted the batch (the HTTP source "
                            + "sets it, the unbundle source carries it to every event). Used when the event has "
                            + "no user agent; empty: not read.")
            .define(USERAGENT_TARGET_FIELD, Type.STRING, "devicedata", FieldPath.validator(), Importance.LOW,
                    "Dotted path of the object that receives the device data; an object already there keeps "
                            + "its other keys.")
            .define(USERAGENT_CACHE_SIZE, Type.INT, 10_000, Range.between(1, 10_000_000), Importance.LOW,
                    "How many distinct user agents the shared parser remembers (set by the first task that "
                            + "builds it).")
            .define(TENANCY_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Whether to add DIGIT tenancy: tenantId, state and city from a tenant id such as pb.amritsar.")
            .define(TENANCY_FIELDS, Type.LIST, "edata.cityId,context.channel", Importance.LOW,
                    "Dotted paths of the event fields that may hold the tenant id, tried in order; the first "
                            + "that matches tenancy.pattern wins.")
            .define(TENANCY_PATTERN, Type.STRING, DEFAULT_TENANT_PATTERN, new TenantPatternValidator(),
                    Importance.LOW, "Regular expression that a whole tenant id must match, with the named groups "
                            + "'state' and (optional) 'city'.")
            .define(TENANCY_TARGET_FIELD, Type.STRING, "tenant", FieldPath.validator(), Importance.LOW,
                    "Dotted path of the object that receives tenantId, state and city; an object already there "
                            + "keeps its other keys.")
            .define(LOOKUPS, Type.LIST, "", new LookupNamesValidator(), Importance.MEDIUM,
                    "Names of lookups, applied in order after the other steps (so a lookup may use tenant.tenantId). "
                            + "Each is configured with keys lookup.<name>.<key>: " + lookupKeysDoc());

    /** Names a lookup thread until Connect's plugin metrics tell the connector and task. */
    private static final String THREAD_PREFIX = "enrich-task-0";

    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers;
    private final List<Enrichment> enrichments = new ArrayList<>();
    private final List<LookupEnrichment> lookups = new ArrayList<>();
    private EnrichMetrics metrics;

    public EnrichTelemetry() {
        this(KafkaConsumer::new);
    }

    /** For tests: lets a fake consumer stand in for the lookup topics' consumers. */
    EnrichTelemetry(Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
        this.consumers = consumers;
    }

    @Override
    public void configure(Map<String, ?> props) {
        PluginConfig config = new PluginConfig(CONFIG_DEF, props);
        close();
        if (config.getBoolean(TIMESTAMP_ENABLED)) {
            String source = SOURCES.parse(config.getString(TIMESTAMP_SOURCE)) == TimestampSource.ETS
                    ? TelemetryFields.ETS : TelemetryFields.SYNCTS;
            enrichments.add(new TimestampEnrichment(source, config.getString(TIMESTAMP_FIELD)));
        }
        if (config.getBoolean(USERAGENT_ENABLED)) {
            enrichments.add(new UserAgentEnrichment(path(config, USERAGENT_FIELD, true),
                    config.getString(USERAGENT_HEADER).trim(), config.getString(USERAGENT_TARGET_FIELD),
                    UserAgents.shared(config.getInt(USERAGENT_CACHE_SIZE))));
        }
        if (config.getBoolean(TENANCY_ENABLED)) {
            List<String> fields = config.getList(TENANCY_FIELDS);
            fields.forEach(field -> checkPath(TENANCY_FIELDS, field));
            enrichments.add(new TenancyEnrichment(fields, Pattern.compile(config.getString(TENANCY_PATTERN)),
                    config.getString(TENANCY_TARGET_FIELD)));
        }
        try {
            for (String name : config.getList(LOOKUPS)) {
                LookupEnrichment lookup = lookup(LookupConfig.of(name, props));
                lookups.add(lookup);
                enrichments.add(lookup);
            }
            // Connect configures a transformation while the task starts: the tables load now, before any record.
            for (LookupEnrichment lookup : lookups) {
                lookup.table().start(THREAD_PREFIX + "-" + lookup.name());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        metrics = new EnrichMetrics(enrichments);
    }

    private LookupEnrichment lookup(LookupConfig config) {
        LookupTable table;
        if (config.source() == LookupConfig.Source.FILE) {
            table = FileTable.load(config);
            log.info("Lookup {}: {} keys from {}", config.name(), table.size(), config.file());
        } else {
            // Started by configure, renamed after the connector and task by withPluginMetrics.
            table = new TopicTable(config.topic(), consumers.apply(config.consumerConfig("enrich-lookup-" + config.name())),
                    config.maxEntries(), Duration.ofMillis(config.loadTimeoutMs()));
        }
        return new LookupEnrichment(config.name(), config.keyField(), config.targetField(), config.flag(), table);
    }

    private static String path(AbstractConfig config, String key, boolean mayBeEmpty) {
        String value = config.getString(key).trim();
        if (!(mayBeEmpty && value.isEmpty())) {
            checkPath(key, value);
        }
        return value;
    }

    private static void checkPath(String key, String value) {
        try {
            FieldPath.of(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    /**
     * Registers the counters, and names the lookup threads after the connector and task they serve (Connect
     * calls this right after {@link #configure}, while the task starts).
     */
    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics.register(pluginMetrics, lookups);
        Map<String, String> tags = pluginMetrics.metricName("lookup-thread", "", new LinkedHashMap<>()).tags();
        String owner = tags.getOrDefault("connector", "enrich") + "-task-" + tags.getOrDefault("task", "0");
        for (LookupEnrichment lookup : lookups) {
            lookup.table().rename(owner + "-" + lookup.name());
        }
    }

    @Override
    public R apply(R record) {
        if (record.value() == null || enrichments.isEmpty()) {
            return record;
        }
        Map<String, Object> event;
        try {
            event = RecordValues.asObject(record.value(), "enrichment");
        } catch (DataException e) {
            return record;
        }
        EventCopy copy = new EventCopy(event);
        for (Enrichment enrichment : enrichments) {
            Enrichment.Outcome outcome;
            try {
                outcome = enrichment.enrich(copy, record.headers());
            } catch (RuntimeException e) {
                log.debug("{} enrichment of a record of {}-{} failed: {}", enrichment.name(), record.topic(),
                        record.kafkaPartition(), e.toString());
                outcome = Enrichment.Outcome.UNUSABLE;
            }
            metrics.count(enrichment, outcome);
        }
        if (!copy.changed()) {
            return record;
        }
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                null, copy.view(), record.timestamp(), record.headers().duplicate());
    }

    /** Counts of one enrichment's outcomes, for tests and benchmarks. */
    long count(String enrichment, Enrichment.Outcome outcome) {
        return metrics.count(enrichment, outcome);
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        for (Enrichment enrichment : enrichments) {
            enrichment.close();
        }
        enrichments.clear();
        lookups.clear();
    }

    @Override
    public String version() {
        return Version.get();
    }

    private static String lookupKeysDoc() {
        StringBuilder doc = new StringBuilder();
        LookupConfig.CONFIG_DEF.configKeys().values().forEach(key -> doc.append(key.name).append(" (")
                .append(key.hasDefault() ? "default '" + key.defaultValue + "'" : "required").append("): ")
                .append(key.documentation).append(' '));
        return doc.toString().trim();
    }


    /** Names of lookups: each non-blank, no two alike, since each names its keys, metrics and flag. */
    static final class LookupNamesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            List<?> names = value instanceof List<?> list ? list : List.of();
            Set<String> seen = new HashSet<>();
            for (Object lookup : names) {
                String text = String.valueOf(lookup);
                if (text.isBlank()) {
                    throw new ConfigException(name, value, "a lookup name may not be empty");
                }
                if (!seen.add(text)) {
                    throw new ConfigException(name, value, "lookup '" + text + "' is named twice");
                }
            }
        }

        @Override
        public String toString() {
            return "distinct lookup names, each configured with lookup.<name>.<key>";
        }
    }

    /** A regular expression with the named groups state and city. */
    static final class TenantPatternValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String regex = value == null ? "" : value.toString();
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "not a regular expression: " + e.getDescription());
            }
            if (!regex.contains("(?<state>") || !regex.contains("(?<city>")) {
                throw new ConfigException(name, value, "needs the named groups 'state' and 'city'");
            }
        }

        @Override
        public String toString() {
            return "a regular expression with the named groups state and city";
        }
    }
}
