package org.egov.telemetry.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.RecordValues;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.s3.config.TimestampSource;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The time of a record in epoch milliseconds, as {@code timestamp.extractor} says: the configured top-level
 * field of its value, else the Kafka record timestamp, else the wall clock. JSON text is only read as far as
 * the field.
 */
final class RecordTimestamps {

    private final TimestampSource source;
    private final Optional<String> field;
    private final Clock clock;

    RecordTimestamps(TimestampSource source, Optional<String> field, Clock clock) {
        this.source = source;
        this.field = field;
        this.clock = clock;
    }

    long of(SinkRecord record) {
        if (source == TimestampSource.WALLCLOCK) {
            return clock.millis();
        }
        if (source == TimestampSource.RECORDFIELD && field.isPresent()) {
            Long fromValue = fromValue(record.value(), field.get());
            if (fromValue != null) {
                return fromValue;
            }
        }
        Long kafkaTimestamp = record.timestamp();
        if (kafkaTimestamp != null && kafkaTimestamp >= 0) {
            return kafkaTimestamp;
        }
        return clock.millis();
    }

    /** The field as epoch millis, or null when the value has no such readable field. */
    static Long fromValue(Object value, String field) {
        if (value instanceof Map<?, ?> map) {
            return RecordValues.asLong(map.get(field));
        }
        if (value instanceof Struct struct) {
            return struct.schema().field(field) == null ? null : RecordValues.asLong(struct.get(field));
        }
        try {
            if (value instanceof byte[] bytes) {
                try (JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
                    return topLevelLong(parser, field);
                }
            }
            if (value instanceof String text) {
                try (JsonParser parser = Json.mapper().getFactory().createParser(text)) {
                    return topLevelLong(parser, field);
                }
            }
        } catch (IOException e) {
            // Not JSON (or broken before the field): the caller falls back to the record timestamp.
            return null;
        }
        return null;
    }

    private static Long topLevelLong(JsonParser parser, String field) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken valueToken = parser.nextToken();
            if (field.equals(name)) {
                if (valueToken == JsonToken.VALUE_NUMBER_INT || valueToken == JsonToken.VALUE_NUMBER_FLOAT) {
                    return parser.getValueAsLong();
                }
                return valueToken == JsonToken.VALUE_STRING ? RecordValues.asLong(parser.getText()) : null;
            }
            parser.skipChildren();
        }
        return null;
    }
}
