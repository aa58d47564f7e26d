package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.core.JsonLines;

import java.util.Map;

/**
 * A record value as one NDJSON line. JSON that arrives as {@code byte[]} or {@code String} is written through as
 * it is, checked to be one JSON value unless {@code value.json.check=false}; a {@code Map} is serialised once; a
 * {@code Struct} (or any other Connect value) goes through Kafka's {@link JsonConverter} without schemas.
 */
final class RecordLines {

    private static final String PURPOSE = "writing NDJSON to S3";

    private final JsonConverter structs = new JsonConverter();
    private final boolean checkJson;

    RecordLines(boolean checkJson) {
        this.checkJson = checkJson;
        structs.configure(Map.of(
                JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false",
                JsonConverterConfig.DECIMAL_FORMAT_CONFIG, "NUMERIC"), false);
    }

    /**
     * @return the line without its newline, or null when the value is null, empty or blank
     * @throws DataException when the value cannot be written as one line of JSON
     */
    byte[] toLine(SinkRecord record) {
        Object value = record.value();
        if (value == null || value instanceof Map<?, ?> || value instanceof byte[] || value instanceof String) {
            return checkJson ? JsonLines.toCheckedLine(value, PURPOSE) : JsonLines.toLine(value, PURPOSE);
        }
        try {
            return structs.fromConnectData(record.topic(), record.valueSchema(), value);
        } catch (RuntimeException e) {
            throw new DataException("Cannot serialise a " + value.getClass().getName() + " value as JSON for "
                    + PURPOSE + ": " + e.getMessage(), e);
        }
    }
}
