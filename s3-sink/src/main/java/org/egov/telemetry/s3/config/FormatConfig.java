package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.s3.CompressionType;
import org.egov.telemetry.s3.NullValueBehavior;
import org.egov.telemetry.core.ConfigFragment;

/** What an object holds and how it is named: NDJSON, compression, null values, the key prefix. */
public final class FormatConfig extends ConfigFragment {

    public static final String S3_COMPRESSION_TYPE = "s3.compression.type";
    public static final String S3_COMPRESSION_LEVEL = "s3.compression.level";
    public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
    public static final String TOPICS_DIR = "topics.dir";
    public static final String FILENAME_OFFSET_ZERO_PAD_WIDTH = "filename.offset.zero.pad.width";
    public static final String VALUE_JSON_CHECK = "value.json.check";

    static final EnumValidator<CompressionType> COMPRESSION_TYPES = EnumValidator.of(CompressionType.class);
    static final EnumValidator<NullValueBehavior> NULL_VALUE_BEHAVIORS = EnumValidator.of(NullValueBehavior.class);
    private static final String GROUP = "Format";

    FormatConfig(AbstractConfig config) {
        super(config);
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(S3_COMPRESSION_TYPE, Type.STRING, "gzip", COMPRESSION_TYPES,
                        Importance.MEDIUM, "How objects are compressed: 'gzip' writes .json.gz objects, 'none' "
                                + "writes .json. Either way each line is one record value (NDJSON).",
                        GROUP, 1, Width.SHORT, "Compression", COMPRESSION_TYPES)
                .define(S3_COMPRESSION_LEVEL, Type.INT, -1, ConfigDef.Range.between(-1, 9),
                        Importance.LOW, "The gzip level: 1 is fastest, 9 smallest, 0 stores without compressing, "
                                + "-1 is zlib's default (6). Ignored when " + S3_COMPRESSION_TYPE + "=none.",
                        GROUP, 2, Width.SHORT, "Compression level")
                .define(BEHAVIOR_ON_NULL_VALUES, Type.STRING, "ignore", NULL_VALUE_BEHAVIORS,
                        Importance.LOW, "What to do with a record whose value is null (a tombstone) or blank: "
                                + "'ignore' skips it (its offset still counts as written), 'fail' stops the task.",
                        GROUP, 3, Width.SHORT, "Null values", NULL_VALUE_BEHAVIORS)
                .define(TOPICS_DIR, Type.STRING, "topics", Validators.keyPrefix(),
                        Importance.MEDIUM, "The top-level folder of the object keys: <topics.dir>/<topic>/<folder>/"
                                + "<topic>+<partition>+<startOffset>.json.gz. Empty puts topics at the root of the bucket.",
                        GROUP, 4, Width.MEDIUM, "Topics folder")
                .define(FILENAME_OFFSET_ZERO_PAD_WIDTH, Type.INT, 10, ConfigDef.Range.between(0, 19),
                        Importance.LOW, "The start offset in an object name is padded with zeros to this many "
                                + "digits, so that names sort in offset order.",
                        GROUP, 5, Width.SHORT, "Offset padding")
                .define(VALUE_JSON_CHECK, Type.BOOLEAN, true, Validators.anyBoolean(),
                        Importance.LOW, "Whether a value that arrives as byte[] or String (ByteArrayConverter, "
                                + "StringConverter) must be exactly one JSON value to be written; one that is not "
                                + "goes to the dead letter queue or fails the task. 'false' writes such values "
                                + "through unread, as Confluent's ByteArrayFormat does, which saves a full tokenizer "
                                + "pass per record; raw line breaks still become spaces so that a record stays one "
                                + "line. Turn it off only for topics whose producer already guarantees JSON, such as "
                                + "the HTTP source's batch topic.",
                        GROUP, 6, Width.SHORT, "Check JSON values");
    }

    public CompressionType compressionType() {
        return COMPRESSION_TYPES.parse(config.getString(S3_COMPRESSION_TYPE));
    }

    public int compressionLevel() {
        return config.getInt(S3_COMPRESSION_LEVEL);
    }

    public NullValueBehavior nullValueBehavior() {
        return NULL_VALUE_BEHAVIORS.parse(config.getString(BEHAVIOR_ON_NULL_VALUES));
    }

    public String topicsDir() {
        return config.getString(TOPICS_DIR).trim();
    }

    public boolean valueJsonCheck() {
        return config.getBoolean(VALUE_JSON_CHECK);
    }

    public int offsetZeroPadWidth() {
        return config.getInt(FILENAME_OFFSET_ZERO_PAD_WIDTH);
    }
}
