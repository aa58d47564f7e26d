package org.egov.telemetry.enrich;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;
import org.egov.telemetry.core.EnumValidator;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.core.TelemetryFields;
import org.egov.telemetry.core.Version;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Adds derived fields to a telemetry event. A field it cannot derive (say, the event has no {@code ets})
 * is left out; this transformation never fails a record.
 */
public class EnrichTelemetry<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {

    public static final String OVERVIEW_DOC = "Enriches telemetry events: adds <code>@timestamp</code> "
            + "(ISO-8601, UTC, milliseconds, as DIGIT's indexer writes it) from the event's ets or syncts.";

    public static final String TIMESTAMP_SOURCE = "timestamp.source";
    public static final String TIMESTAMP_FIELD = "timestamp.field";

    /** Which epoch-millisecond field {@code @timestamp} is made from. */
    public enum TimestampSource { ETS, SYNCTS }

    private static final EnumValidator<TimestampSource> SOURCES = EnumValidator.of(TimestampSource.class);

    /** DIGIT's format: 2024-01-31T10:15:30.123Z. */
    static final DateTimeFormatter DIGIT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TIMESTAMP_SOURCE, Type.STRING, "ets", SOURCES, Importance.MEDIUM,
                    "Event field (epoch milliseconds) that the timestamp is made from: 'ets' (when the event "
                            + "happened) or 'syncts' (when the server received its batch).", null, -1,
                    ConfigDef.Width.SHORT, TIMESTAMP_SOURCE, SOURCES)
            .define(TIMESTAMP_FIELD, Type.STRING, TelemetryFields.TIMESTAMP, new ConfigDef.NonEmptyString(),
                    Importance.LOW, "Name of the field that receives the formatted timestamp.");

    private String sourceField;
    private String targetField;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props);
        sourceField = SOURCES.parse(config.getString(TIMESTAMP_SOURCE)) == TimestampSource.ETS
                ? TelemetryFields.ETS : TelemetryFields.SYNCTS;
        targetField = config.getString(TIMESTAMP_FIELD);
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        Map<String, Object> event;
        try {
            event = RecordValues.asObject(record.value(), "enrichment");
        } catch (DataException e) {
            return record;
        }
        Long millis = RecordValues.asLong(event.get(sourceField));
        if (millis == null) {
            return record;
        }
        Map<String, Object> enriched = new HashMap<>(event);
        enriched.put(targetField, DIGIT_TIMESTAMP.format(Instant.ofEpochMilli(millis)));
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                null, enriched, record.timestamp(), record.headers().duplicate());
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
    }

    @Override
    public String version() {
        return Version.get();
    }
}
