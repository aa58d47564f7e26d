package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.TelemetryFields;
import org.egov.telemetry.core.ConfigFragment;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which folder a record goes to: Kafka's partition, or the record time formatted with a path format. */
public final class PartitionerConfig extends ConfigFragment {

    public static final String PARTITIONER_CLASS = "partitioner.class";
    public static final String TIMESTAMP_EXTRACTOR = "timestamp.extractor";
    public static final String TIMESTAMP_FIELD = "timestamp.field";
    public static final String PATH_FORMAT = "path.format";
    public static final String LOCALE = "locale";
    public static final String TIMEZONE = "timezone";

    public static final String DAILY_PATH_FORMAT = "'dt'=YYYY-MM-dd";
    static final EnumValidator<TimestampSource> TIMESTAMP_SOURCES = EnumValidator.of(TimestampSource.class);
    private static final String GROUP = "Partitioner";

    PartitionerConfig(AbstractConfig config) {
        super(config);
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(PARTITIONER_CLASS, Type.STRING, "io.confluent.connect.storage.partitioner.TimeBasedPartitioner",
                        PartitionerType.validator(), Importance.HIGH, "How records are spread over folders. "
                                + "TimeBasedPartitioner (or 'time'): the record time (see " + TIMESTAMP_EXTRACTOR
                                + ") formatted with " + PATH_FORMAT + ". DefaultPartitioner (or 'default'): "
                                + "partition=<kafka partition>. Confluent's class names are accepted as they are.",
                        GROUP, 1, Width.LONG, "Partitioner")
                .define(TIMESTAMP_EXTRACTOR, Type.STRING, "RecordField", TIMESTAMP_SOURCES,
                        Importance.MEDIUM, "Where the record time comes from, for the folder and for "
                                + "rotate.interval.ms: 'RecordField' reads " + TIMESTAMP_FIELD + " (falling back to "
                                + "the Kafka timestamp, then the wall clock, when a record lacks it), 'Record' the "
                                + "Kafka record timestamp, 'Wallclock' the time the task writes the record (not "
                                + "reproducible when records are replayed).",
                        GROUP, 2, Width.SHORT, "Timestamp extractor", TIMESTAMP_SOURCES)
                .define(TIMESTAMP_FIELD, Type.STRING, TelemetryFields.SYNCTS, Validators.noControlChars(),
                        Importance.MEDIUM, "The top-level field of the record value that holds the record time in "
                                + "epoch milliseconds (a number or a numeric string), used when "
                                + TIMESTAMP_EXTRACTOR + "=RecordField.",
                        GROUP, 3, Width.MEDIUM, "Timestamp field")
                .define(PATH_FORMAT, Type.STRING, DAILY_PATH_FORMAT, pathFormat(),
                        Importance.MEDIUM, "The folder of a record under its topic, as a date-time pattern of the "
                                + "record time with literals in single quotes, as in Confluent's sink: '"
                                + DAILY_PATH_FORMAT + "' gives dt=2024-03-01, \"'dt'=YYYY-MM-dd/'hr'=HH\" adds the "
                                + "hour. YYYY means the calendar year, as it does in Confluent's (Joda) patterns.",
                        GROUP, 4, Width.LONG, "Path format")
                .define(LOCALE, Type.STRING, "en", locale(),
                        Importance.LOW, "The locale of " + PATH_FORMAT + " (month or day names), as a language tag.",
                        GROUP, 5, Width.SHORT, "Locale")
                .define(TIMEZONE, Type.STRING, "UTC", Validators.zoneId(),
                        Importance.MEDIUM, "The time zone of " + PATH_FORMAT + " and of the alignment of "
                                + "rotate.schedule.interval.ms, e.g. UTC or Asia/Kolkata.",
                        GROUP, 6, Width.SHORT, "Time zone");
    }

    @Override
    public void checkAcrossKeys(Map<String, String> problems) {
        if (partitionerType() == PartitionerType.TIME_BASED && config.getString(PATH_FORMAT).isBlank()) {
            problems.put(PATH_FORMAT, "must be set when " + PARTITIONER_CLASS + " is time based");
        }
        if (timestampSource() == TimestampSource.RECORDFIELD && config.getString(TIMESTAMP_FIELD).isBlank()) {
            problems.put(TIMESTAMP_FIELD, "must be set when " + TIMESTAMP_EXTRACTOR + "=RecordField");
        }
    }

    public PartitionerType partitionerType() {
        return PartitionerType.parse(config.getString(PARTITIONER_CLASS));
    }

    public TimestampSource timestampSource() {
        return TIMESTAMP_SOURCES.parse(config.getString(TIMESTAMP_EXTRACTOR));
    }

    /** The value field holding the record time when the source is a record field. */
    public Optional<String> timestampField() {
        String field = config.getString(TIMESTAMP_FIELD).trim();
        return timestampSource() != TimestampSource.RECORDFIELD || field.isEmpty() ? Optional.empty() : Optional.of(field);
    }

    public DateTimeFormatter pathFormatter() {
        return formatter(config.getString(PATH_FORMAT)).withLocale(locale(config.getString(LOCALE))).withZone(timezone());
    }

    public ZoneId timezone() {
        return ZoneId.of(config.getString(TIMEZONE).trim());
    }

    /** Confluent's patterns are Joda's, where Y is the calendar year; in java.time Y is the week-based year. */
    public static DateTimeFormatter formatter(String pattern) {
        StringBuilder translated = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            translated.append(!quoted && c == 'Y' ? 'u' : c);
        }
        return DateTimeFormatter.ofPattern(translated.toString());
    }

    private static Locale locale(String tag) {
        return new Locale.Builder().setLanguageTag(tag.trim().replace('_', '-')).build();
    }

    public static ConfigDef.Validator pathFormat() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                formatter(value == null ? "" : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, "is not a date-time pattern: " + e.getMessage());
            }
            Validators.noControlChars().ensureValid(name, value);
        }, () -> "a date-time pattern with literals in single quotes, e.g. " + DAILY_PATH_FORMAT);
    }

    private static ConfigDef.Validator locale() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                locale(value == null ? "" : value.toString());
            } catch (IllformedLocaleException e) {
                throw new ConfigException(name, value, "is not a language tag: " + e.getMessage());
            }
        }, () -> "a language tag such as en, en-IN or hi-IN");
    }
}
