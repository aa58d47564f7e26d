package org.egov.telemetry.s3;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.TelemetryFields;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the S3 sink. Key names and meanings follow Confluent's S3 sink connector, so that an
 * operator can swap one for the other.
 */
public final class S3SinkConnectorConfig extends AbstractConfig {

    public static final String S3_BUCKET_NAME = "s3.bucket.name";
    public static final String S3_REGION = "s3.region";
    public static final String STORE_URL = "store.url";
    public static final String S3_PATH_STYLE_ACCESS_ENABLED = "s3.path.style.access.enabled";
    public static final String AWS_ACCESS_KEY_ID = "aws.access.key.id";
    public static final String AWS_SECRET_ACCESS_KEY = "aws.secret.access.key";
    public static final String S3_PART_SIZE = "s3.part.size";
    public static final String S3_COMPRESSION_TYPE = "s3.compression.type";
    public static final String TOPICS_DIR = "topics.dir";
    public static final String FILENAME_OFFSET_ZERO_PAD_WIDTH = "filename.offset.zero.pad.width";
    public static final String TIMESTAMP_FIELD = "timestamp.field";
    public static final String TIMEZONE = "timezone";
    public static final String FLUSH_SIZE = "flush.size";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String ROTATE_SCHEDULE_INTERVAL_MS = "rotate.schedule.interval.ms";
    public static final String BEHAVIOR_ON_NULL_VALUES = "behavior.on.null.values";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    static final EnumValidator<CompressionType> COMPRESSION_TYPES = EnumValidator.of(CompressionType.class);
    static final EnumValidator<NullValueBehavior> NULL_VALUE_BEHAVIORS = EnumValidator.of(NullValueBehavior.class);

    private static final String GROUP_S3 = "S3";
    private static final String GROUP_STORAGE = "Storage";
    private static final String GROUP_ROTATION = "Rotation";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(S3_BUCKET_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "The bucket the objects are written to.",
                    GROUP_S3, 1, ConfigDef.Width.MEDIUM, "Bucket")
            .define(S3_REGION, Type.STRING, "us-east-1", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, "The AWS region of the bucket (also used to sign requests to a custom store.url).",
                    GROUP_S3, 2, ConfigDef.Width.SHORT, "Region")
            .define(STORE_URL, Type.STRING, "", httpUrlOrEmpty(),
                    Importance.MEDIUM, "The endpoint of an S3-compatible store, e.g. http://127.0.0.1:9000. "
                            + "Empty means AWS S3 itself, found from " + S3_REGION + ".",
                    GROUP_S3, 3, ConfigDef.Width.LONG, "Store URL")
            .define(S3_PATH_STYLE_ACCESS_ENABLED, Type.BOOLEAN, true, anyBoolean(),
                    Importance.LOW, "Whether requests address the bucket in the path (http://host/bucket/key) rather than "
                            + "in the host name (http://bucket.host/key). Most S3-compatible stores need path style.",
                    GROUP_S3, 4, ConfigDef.Width.SHORT, "Path-style access")
            .define(AWS_ACCESS_KEY_ID, Type.PASSWORD, "", anyPassword(),
                    Importance.HIGH, "The access key id of static credentials. Set together with " + AWS_SECRET_ACCESS_KEY
                            + "; when both are empty the AWS SDK default credentials chain is used (environment, "
                            + "system properties, profile, container or instance role).",
                    GROUP_S3, 5, ConfigDef.Width.MEDIUM, "Access key id")
            .define(AWS_SECRET_ACCESS_KEY, Type.PASSWORD, "", anyPassword(),
                    Importance.HIGH, "The secret access key of static credentials. Set together with " + AWS_ACCESS_KEY_ID
                            + "; when both are empty the AWS SDK default credentials chain is used.",
                    GROUP_S3, 6, ConfigDef.Width.MEDIUM, "Secret access key")
            .define(S3_PART_SIZE, Type.INT, 25 * 1024 * 1024, ConfigDef.Range.between(MIN_PART_SIZE, Integer.MAX_VALUE),
                    Importance.LOW, "The part size in bytes of a multipart upload. An object no larger than this is "
                            + "written with a single request.",
                    GROUP_S3, 7, ConfigDef.Width.SHORT, "Part size")
            .define(S3_COMPRESSION_TYPE, Type.STRING, "gzip", COMPRESSION_TYPES,
                    Importance.MEDIUM, "How objects are compressed: 'gzip' writes .json.gz objects, 'none' writes .json.",
                    GROUP_STORAGE, 1, ConfigDef.Width.SHORT, "Compression", COMPRESSION_TYPES)
            .define(TOPICS_DIR, Type.STRING, "topics", keyPrefix(),
                    Importance.MEDIUM, "The top-level folder of the object keys: "
                            + "<topics.dir>/<topic>/dt=YYYY-MM-DD/<topic>+<partition>+<startOffset>.json.gz. "
                            + "Empty puts topics at the root of the bucket.",
                    GROUP_STORAGE, 2, ConfigDef.Width.MEDIUM, "Topics folder")
            .define(FILENAME_OFFSET_ZERO_PAD_WIDTH, Type.INT, 10, ConfigDef.Range.between(0, 19),
                    Importance.LOW, "The start offset in an object name is padded with zeros to this many digits, "
                            + "so that names sort in offset order.",
                    GROUP_STORAGE, 3, ConfigDef.Width.SHORT, "Offset padding")
            .define(TIMESTAMP_FIELD, Type.STRING, TelemetryFields.SYNCTS, noControlChars(),
                    Importance.MEDIUM, "The top-level field of the record value that holds the record time in epoch "
                            + "milliseconds (a number or a numeric string). It chooses the dt= folder and drives "
                            + ROTATE_INTERVAL_MS + ". When the field is missing, or empty here, the Kafka record "
                            + "timestamp is used, and when that is missing too, the wall clock.",
                    GROUP_STORAGE, 4, ConfigDef.Width.MEDIUM, "Timestamp field")
            .define(TIMEZONE, Type.STRING, "UTC", zoneId(),
                    Importance.MEDIUM, "The time zone in which the dt= date of a record is computed, e.g. UTC or Asia/Kolkata.",
                    GROUP_STORAGE, 5, ConfigDef.Width.SHORT, "Time zone")
            .define(FLUSH_SIZE, Type.INT, 1000, ConfigDef.Range.atLeast(1),
                    Importance.HIGH, "The number of records of one topic partition buffered before its files are "
                            + "uploaded. The files then hold the offsets between two flushes, split by dt=.",
                    GROUP_ROTATION, 1, ConfigDef.Width.SHORT, "Flush size")
            .define(ROTATE_INTERVAL_MS, Type.LONG, -1L, disabledOrPositive(),
                    Importance.MEDIUM, "Record-time rotation: the files of a partition are uploaded before a record "
                            + "whose timestamp (see " + TIMESTAMP_FIELD + ") is this many milliseconds or more after the "
                            + "timestamp of the first record buffered. -1 disables it. Deterministic: a replay gives the "
                            + "same files.",
                    GROUP_ROTATION, 2, ConfigDef.Width.SHORT, "Rotate interval")
            .define(ROTATE_SCHEDULE_INTERVAL_MS, Type.LONG, -1L, disabledOrPositive(),
                    Importance.MEDIUM, "Wall-clock rotation: the files of a partition are uploaded once the first of "
                            + "them has been open this many milliseconds, even if no new record arrives. -1 disables it. "
                            + "Not deterministic: a replay after a failure may cut files at other offsets.",
                    GROUP_ROTATION, 3, ConfigDef.Width.SHORT, "Rotate schedule interval")
            .define(BEHAVIOR_ON_NULL_VALUES, Type.STRING, "ignore", NULL_VALUE_BEHAVIORS,
                    Importance.LOW, "What to do with a record whose value is null or empty: 'ignore' skips it, "
                            + "'fail' stops the task.",
                    GROUP_STORAGE, 6, ConfigDef.Width.SHORT, "Null values", NULL_VALUE_BEHAVIORS)
            .define(RETRY_BACKOFF_MS, Type.LONG, 5000L, ConfigDef.Range.atLeast(0),
                    Importance.LOW, "How long Connect waits before delivering a batch again after an upload failed "
                            + "with an error worth retrying.",
                    GROUP_S3, 8, ConfigDef.Width.SHORT, "Retry backoff");

    public S3SinkConnectorConfig(Map<String, ?> originals) {
        super(CONFIG_DEF, originals);
        crossKeyErrors(values()).entrySet().stream().findFirst().ifPresent(error -> {
            throw new ConfigException("Invalid configuration " + error.getKey() + ": " + error.getValue());
        });
    }

    public static ConfigDef configDef() {
        return CONFIG_DEF;
    }

    /**
     * Checks that involve more than one key.
     *
     * @param parsed values as parsed by {@link #CONFIG_DEF}
     * @return messages keyed by the key to fix, in a stable order; empty when all is well
     */
    static Map<String, String> crossKeyErrors(Map<String, ?> parsed) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean hasKeyId = isSet(parsed.get(AWS_ACCESS_KEY_ID));
        boolean hasSecret = isSet(parsed.get(AWS_SECRET_ACCESS_KEY));
        if (hasKeyId && !hasSecret) {
            errors.put(AWS_SECRET_ACCESS_KEY, "must be set when " + AWS_ACCESS_KEY_ID
                    + " is set (or leave both empty to use the default credentials chain)");
        } else if (hasSecret && !hasKeyId) {
            errors.put(AWS_ACCESS_KEY_ID, "must be set when " + AWS_SECRET_ACCESS_KEY
                    + " is set (or leave both empty to use the default credentials chain)");
        }
        return errors;
    }

    private static boolean isSet(Object password) {
        return password instanceof Password p && p.value() != null && !p.value().isEmpty();
    }

    public String bucketName() {
        return getString(S3_BUCKET_NAME).trim();
    }

    public String region() {
        return getString(S3_REGION).trim();
    }

    /** The custom endpoint, or empty for AWS S3. */
    public Optional<URI> storeUrl() {
        String url = getString(STORE_URL).trim();
        return url.isEmpty() ? Optional.empty() : Optional.of(URI.create(url));
    }

    public boolean pathStyleAccessEnabled() {
        return getBoolean(S3_PATH_STYLE_ACCESS_ENABLED);
    }

    /** The static credentials, or empty to use the SDK default credentials chain. */
    public Optional<StaticCredentials> staticCredentials() {
        String keyId = getPassword(AWS_ACCESS_KEY_ID).value();
        String secret = getPassword(AWS_SECRET_ACCESS_KEY).value();
        return keyId.isEmpty() ? Optional.empty() : Optional.of(new StaticCredentials(keyId, secret));
    }

    public int partSize() {
        return getInt(S3_PART_SIZE);
    }

    public CompressionType compressionType() {
        return COMPRESSION_TYPES.parse(getString(S3_COMPRESSION_TYPE));
    }

    public String topicsDir() {
        return getString(TOPICS_DIR).trim();
    }

    public int offsetZeroPadWidth() {
        return getInt(FILENAME_OFFSET_ZERO_PAD_WIDTH);
    }

    /** The value field holding the record time, or empty to use the Kafka record timestamp. */
    public Optional<String> timestampField() {
        String field = getString(TIMESTAMP_FIELD).trim();
        return field.isEmpty() ? Optional.empty() : Optional.of(field);
    }

    public ZoneId timezone() {
        return ZoneId.of(getString(TIMEZONE).trim());
    }

    public int flushSize() {
        return getInt(FLUSH_SIZE);
    }

    /** Record-time rotation interval, or -1 when off. */
    public long rotateIntervalMs() {
        return getLong(ROTATE_INTERVAL_MS);
    }

    /** Wall-clock rotation interval, or -1 when off. */
    public long rotateScheduleIntervalMs() {
        return getLong(ROTATE_SCHEDULE_INTERVAL_MS);
    }

    public NullValueBehavior nullValueBehavior() {
        return NULL_VALUE_BEHAVIORS.parse(getString(BEHAVIOR_ON_NULL_VALUES));
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    /** Access key id and secret; {@link #toString()} hides the secret. */
    public record StaticCredentials(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=[hidden]]";
        }
    }

    // ---- validators: each toString() reads as the allowed values ----

    private static ConfigDef.Validator httpUrlOrEmpty() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String url = value == null ? "" : value.toString().trim();
            if (url.isEmpty()) {
                return;
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme();
                if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "must be an http:// or https:// URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, value, "is not a URL: " + e.getMessage());
            }
        }, () -> "empty, or an http(s) URL");
    }

    private static ConfigDef.Validator anyBoolean() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (!(value instanceof Boolean)) {
                throw new ConfigException(name, value, "must be true or false");
            }
        }, () -> "[true, false]");
    }

    private static ConfigDef.Validator anyPassword() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (!(value instanceof Password)) {
                throw new ConfigException(name, "[hidden]", "must be a string");
            }
        }, () -> "any string, may be empty");
    }

    private static ConfigDef.Validator keyPrefix() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String dir = value == null ? "" : value.toString().trim();
            if (dir.startsWith("/") || dir.endsWith("/") || dir.contains("//")) {
                throw new ConfigException(name, value, "must not start or end with '/' nor contain '//'");
            }
            noControlChars().ensureValid(name, dir);
        }, () -> "a key prefix without leading or trailing '/', may be empty");
    }

    private static ConfigDef.Validator noControlChars() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String text = value == null ? "" : value.toString();
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(name, value, "must not contain control characters");
            }
        }, () -> "any string without control characters, may be empty");
    }

    private static ConfigDef.Validator zoneId() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                ZoneId.of(value == null ? "" : value.toString().trim());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "is not a time zone id: " + e.getMessage());
            }
        }, () -> "a time zone id such as UTC or Asia/Kolkata");
    }

    private static ConfigDef.Validator disabledOrPositive() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (!(value instanceof Long number) || number != -1L && number < 1L) {
                throw new ConfigException(name, value, "must be -1 (off) or at least 1");
            }
        }, () -> "-1 (off), or [1,...]");
    }
}
