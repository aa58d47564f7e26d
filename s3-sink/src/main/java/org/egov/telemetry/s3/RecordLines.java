package org.egov.telemetry.s3;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.JsonLines;

import java.io.IOException;
import java.util.Map;

/**
 * A record value as one NDJSON line. JSON that arrives as {@code byte[]} or {@code String} is checked to be one
 * JSON value and written through as it is; a {@code Map} is serialised once; a {@code Struct} (or any other
 * Connect value) goes through Kafka's {@link JsonConverter} without schemas.
 */
final class RecordLines {

    private static final String PURPOSE = "writing NDJSON to S3";

    private final JsonConverter structs = new JsonConverter();

    RecordLines() {
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
            byte[] line = JsonLines.toLine(value, PURPOSE);
            if (line != null && !(value instanceof Map<?, ?>)) {
                requireOneJsonValue(line);
            }
            return line;
        }
        try {
            return structs.fromConnectData(record.topic(), record.valueSchema(), value);
        } catch (RuntimeException e) {
            throw new DataException("Cannot serialise a " + value.getClass().getName() + " value as JSON for "
                    + PURPOSE + ": " + e.getMessage(), e);
        }
    }

    private static void requireOneJsonValue(byte[] line) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(line)) {
            if (parser.nextToken() == null) {
                throw new DataException("The value is not JSON: it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new DataException("The value is not one JSON value: more follows at column "
                        + parser.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            // the location only: the message would quote the record's contents
            throw new DataException("The value is not JSON: invalid at byte " + e.getLocation().getByteOffset(), e);
        } catch (IOException e) {
            throw new DataException("The value is not JSON", e);
        }
    }
}
