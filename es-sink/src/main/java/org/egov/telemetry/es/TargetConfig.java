package org.egov.telemetry.es;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.ConfigFragment;
import org.egov.telemetry.core.FieldPath;
import org.egov.telemetry.core.EnumValidator;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Config fragment: what each document is (id, write method, null and malformed handling) and where it goes
 * (a fixed index, daily indices on a date field, or a data stream), plus the index template the sink installs.
 */
public final class TargetConfig extends ConfigFragment {

    /** What to do with a record whose value is null (a tombstone). */
    enum NullValueBehavior { IGNORE, DELETE, FAIL }

    /** What to do with a document the search node rejects as malformed. */
    enum MalformedDocumentBehavior { IGNORE, WARN, FAIL }

    /** {@code insert}: index (create or replace) the document; {@code upsert}: merge it into an existing one. */
    enum WriteMethod { INSERT, UPSERT }

    /** The data stream type, or NONE for ordinary indices. */
    enum DataStreamType { NONE, LOGS, METRICS, TRACES, SYNTHETICS }

    static final String KEY_IGNORE = "key.ignore";
    static final String WRITE_METHOD = "write.method";
    static final String INDEX_NAME = "index.name";
    static final String INDEX_DATE_FIELD = "index.date.field";
    static final String INDEX_DATE_FORMAT = "index.date.format";
    static final String DATA_STREAM_TYPE = "data.stream.type";
    static final String DATA_STREAM_DATASET = "data.stream.dataset";
    static final String DATA_STREAM_NAMESPACE = "data.stream.namespace";
    static final String TEMPLATE_INSTALL = "index.template.install";
    static final String TEMPLATE_NAME = "index.template.name";
    static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
    static final String BEHAVIOR_ON_MALFORMED_DOCS = "behavior.on.malformed.documents";

    static final EnumValidator<NullValueBehavior> NULL_VALUES = EnumValidator.of(NullValueBehavior.class);
    static final EnumValidator<MalformedDocumentBehavior> MALFORMED = EnumValidator.of(MalformedDocumentBehavior.class);
    static final EnumValidator<WriteMethod> WRITE_METHODS = EnumValidator.of(WriteMethod.class);
    static final EnumValidator<DataStreamType> DATA_STREAM_TYPES = EnumValidator.of(DataStreamType.class);

    private static final String DATA_GROUP = "Data Conversion";
    private static final String TARGET_GROUP = "Target";
    private static final String ERROR_GROUP = "Error Handling";

    TargetConfig(AbstractConfig config) {
        super(config);
    }

    static ConfigDef define(ConfigDef def) {
        int data = 0;
        int target = 0;
        return def
                .define(KEY_IGNORE, Type.BOOLEAN, false, null, Importance.HIGH,
                        "false: the document id is the record key as a string (for telemetry events the event "
                                + "mid, so a replay overwrites, never duplicates; null keys are an error). true: the "
                                + "id is 'topic+partition+offset' of the record as it was read from Kafka.",
                        DATA_GROUP, ++data, Width.SHORT, "Ignore key")
                .define(WRITE_METHOD, Type.STRING, "insert", WRITE_METHODS, Importance.LOW,
                        "'insert' indexes each document, replacing one with the same id; 'upsert' merges its "
                                + "fields into the existing document (creating it when missing).",
                        DATA_GROUP, ++data, Width.SHORT, "Write method", WRITE_METHODS)
                .define(BEHAVIOR_ON_NULL_VALUES, Type.STRING, "fail", NULL_VALUES, Importance.LOW,
                        "What to do with a record whose value is null: 'ignore' skips it, 'delete' deletes the "
                                + "document with the record's id, 'fail' fails the task.",
                        DATA_GROUP, ++data, Width.SHORT, "Behavior on null values", NULL_VALUES)
                .define(INDEX_NAME, Type.STRING, "", new IndexNameValidator(), Importance.HIGH,
                        "Index (or alias) every document is written to. Empty: the record's topic name, lower-cased, "
                                + "as Confluent's sink does. With " + INDEX_DATE_FIELD + " it is the prefix of the "
                                + "dated index names.",
                        TARGET_GROUP, ++target, Width.MEDIUM, "Index name")
                .define(INDEX_DATE_FIELD, Type.STRING, "", FieldPath.emptyOrValidator(), Importance.MEDIUM,
                        "Empty: one index. Otherwise a top-level or dotted field of the document (e.g. '@timestamp' "
                                + "or 'ets') whose date, ISO-8601 or epoch milliseconds, picks the index "
                                + "'<index>-<date formatted with " + INDEX_DATE_FORMAT + ">' in UTC, e.g. daily "
                                + "indices. A document without a readable date is malformed.",
                        TARGET_GROUP, ++target, Width.MEDIUM, "Index date field")
                .define(INDEX_DATE_FORMAT, Type.STRING, "yyyy.MM.dd", new DateFormatValidator(), Importance.LOW,
                        "java.time pattern of the date suffix of dated index names; 'yyyy.MM' gives monthly ones.",
                        TARGET_GROUP, ++target, Width.SHORT, "Index date format")
                .define(DATA_STREAM_TYPE, Type.STRING, "none", DATA_STREAM_TYPES, Importance.LOW,
                        "'none' writes to indices. Otherwise documents are appended to the data stream "
                                + "'<type>-<" + DATA_STREAM_DATASET + ">-<" + DATA_STREAM_NAMESPACE + ">' "
                                + "(documents need an @timestamp; a matching index template with data_stream must "
                                + "exist or be installed with " + TEMPLATE_INSTALL + ").",
                        TARGET_GROUP, ++target, Width.SHORT, "Data stream type", DATA_STREAM_TYPES)
                .define(DATA_STREAM_DATASET, Type.STRING, "", new DataStreamPartValidator(), Importance.LOW,
                        "Dataset part of the data stream name, e.g. 'telemetry'; required with " + DATA_STREAM_TYPE
                                + ".",
                        TARGET_GROUP, ++target, Width.SHORT, "Data stream dataset")
                .define(DATA_STREAM_NAMESPACE, Type.STRING, "${topic}", new DataStreamPartValidator(), Importance.LOW,
                        "Namespace part of the data stream name; '${topic}' stands for the record's topic.",
                        TARGET_GROUP, ++target, Width.SHORT, "Data stream namespace")
                .define(TEMPLATE_INSTALL, Type.BOOLEAN, false, null, Importance.MEDIUM,
                        "Whether the task installs (creates or replaces) the telemetry index template shipped in the "
                                + "jar when it starts: ids as keywords, ets/syncts/@timestamp as dates, edata dynamic. "
                                + "It matches " + INDEX_NAME + " and its dated indices, or the data stream.",
                        TARGET_GROUP, ++target, Width.SHORT, "Install index template")
                .define(TEMPLATE_NAME, Type.STRING, "telemetry", new IndexNameValidator(), Importance.LOW,
                        "Name of the index template installed with " + TEMPLATE_INSTALL + ".",
                        TARGET_GROUP, ++target, Width.SHORT, "Index template name")
                .define(BEHAVIOR_ON_MALFORMED_DOCS, Type.STRING, "fail", MALFORMED, Importance.LOW,
                        "What to do with a document the node rejects as malformed (mapping or parsing errors, HTTP "
                                + "400) or that cannot be turned into a document: 'ignore' skips it, 'warn' skips it "
                                + "and logs its coordinates and the reason, 'fail' fails the task. With "
                                + "errors.tolerance=all and a dead letter queue, 'warn' and 'fail' send the record "
                                + "there instead.",
                        ERROR_GROUP, 1, Width.SHORT, "Behavior on malformed documents", MALFORMED);
    }

    /** What a data stream cannot do, and a template that must know its indices. */
    @Override
    public void checkAcrossKeys(Map<String, String> problems) {
        if (dataStreamType() != DataStreamType.NONE) {
            if (dataStreamDataset() == null) {
                problems.put(DATA_STREAM_DATASET, "is required when " + DATA_STREAM_TYPE + " is set");
            }
            if (writeMethod() == WriteMethod.UPSERT) {
                problems.put(WRITE_METHOD, "upsert is not possible on a data stream (append only)");
            }
            if (behaviorOnNullValues() == NullValueBehavior.DELETE) {
                problems.put(BEHAVIOR_ON_NULL_VALUES, "delete is not possible on a data stream");
            }
            if (indexDateField() != null) {
                problems.put(INDEX_DATE_FIELD, "cannot be combined with " + DATA_STREAM_TYPE);
            }
        }
        if (installTemplate() && dataStreamType() == DataStreamType.NONE && indexName() == null) {
            problems.put(TEMPLATE_INSTALL, "needs " + INDEX_NAME + " or " + DATA_STREAM_TYPE
                    + " to know which indices the template is for");
        }
    }

    public boolean ignoreKey() {
        return config.getBoolean(TargetConfig.KEY_IGNORE);
    }

    public WriteMethod writeMethod() {
        return TargetConfig.WRITE_METHODS.parse(config.getString(TargetConfig.WRITE_METHOD));
    }

    /** The fixed target index (or prefix of dated indices), or {@code null} for an index named after the topic. */
    public String indexName() {
        return ElasticsearchSinkConnectorConfig.blankToNull(config.getString(TargetConfig.INDEX_NAME));
    }

    /** The field whose date picks a dated index, or {@code null} for undated indices. */
    public String indexDateField() {
        return ElasticsearchSinkConnectorConfig.blankToNull(config.getString(TargetConfig.INDEX_DATE_FIELD));
    }

    public String indexDateFormat() {
        return config.getString(TargetConfig.INDEX_DATE_FORMAT);
    }

    public DataStreamType dataStreamType() {
        return TargetConfig.DATA_STREAM_TYPES.parse(config.getString(TargetConfig.DATA_STREAM_TYPE));
    }

    public String dataStreamDataset() {
        return ElasticsearchSinkConnectorConfig.blankToNull(config.getString(TargetConfig.DATA_STREAM_DATASET));
    }

    public String dataStreamNamespace() {
        String namespace = ElasticsearchSinkConnectorConfig.blankToNull(config.getString(TargetConfig.DATA_STREAM_NAMESPACE));
        return namespace == null ? "default" : namespace;
    }

    public boolean installTemplate() {
        return config.getBoolean(TargetConfig.TEMPLATE_INSTALL);
    }

    public String templateName() {
        String name = ElasticsearchSinkConnectorConfig.blankToNull(config.getString(TargetConfig.TEMPLATE_NAME));
        return name == null ? "telemetry" : name;
    }

    public NullValueBehavior behaviorOnNullValues() {
        return TargetConfig.NULL_VALUES.parse(config.getString(TargetConfig.BEHAVIOR_ON_NULL_VALUES));
    }

    public MalformedDocumentBehavior behaviorOnMalformedDocuments() {
        return TargetConfig.MALFORMED.parse(config.getString(TargetConfig.BEHAVIOR_ON_MALFORMED_DOCS));
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
            if (!index.equals(index.toLowerCase(Locale.ROOT))) {
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
            if (index.getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new ConfigException(name, value, "index names are at most 255 bytes long");
            }
        }

        @Override
        public String toString() {
            return "empty or a lower-case index name";
        }
    }


    /** A java.time pattern whose output is valid in an index name. */
    static final class DateFormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                String sample = DateTimeFormatter.ofPattern(String.valueOf(value), Locale.ROOT)
                        .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
                new IndexNameValidator().ensureValid(name, "x-" + sample.toLowerCase(Locale.ROOT));
                if (!sample.equals(sample.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(name, value, "the formatted date must be lower case");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "not a java.time pattern: " + e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a java.time date pattern such as yyyy.MM.dd";
        }
    }

    /** A data stream name part: lower case, no '-' or characters forbidden in index names. */
    static final class DataStreamPartValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String part = value == null ? "" : value.toString().trim();
            if (part.equals("${topic}") || part.isEmpty()) {
                return;
            }
            if (part.contains("-")) {
                throw new ConfigException(name, value, "cannot contain '-'");
            }
            new IndexNameValidator().ensureValid(name, part);
        }

        @Override
        public String toString() {
            return "empty or a lower-case name without '-'";
        }
    }
}
