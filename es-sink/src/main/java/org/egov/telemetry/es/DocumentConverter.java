package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.es.ElasticsearchSinkConnectorConfig.NullValueBehavior;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a sink record into a {@link BulkAction}: target index, document id and JSON source. Map values are
 * serialised; {@code byte[]} and {@code String} JSON is written through as it is, only line breaks (which can
 * only be whitespace in valid JSON) are replaced by spaces so the document fits on one NDJSON line. An empty
 * or blank value is handled like a null value ({@code behavior.on.null.values}).
 */
final class DocumentConverter {

    private final String fixedIndex;
    private final boolean ignoreKey;
    private final NullValueBehavior onNull;

    DocumentConverter(ElasticsearchSinkConnectorConfig config) {
        this.fixedIndex = config.indexName();
        this.ignoreKey = config.ignoreKey();
        this.onNull = config.behaviorOnNullValues();
    }

    BulkAction convert(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long offset = record.originalKafkaOffset();
        String index = fixedIndex != null ? fixedIndex : record.topic().toLowerCase(Locale.ROOT);
        byte[] source = record.value() == null ? null : source(record);
        if (source == null) {
            return switch (onNull) {
                case IGNORE -> BulkAction.skip(partition, offset);
                case DELETE -> new BulkAction(BulkAction.Kind.DELETE, index, documentId(record), null, partition, offset);
                case FAIL -> throw new DataException("Null or empty value in record " + coordinates(record)
                        + " and behavior.on.null.values=fail; set it to ignore or delete to accept tombstones");
            };
        }
        return new BulkAction(BulkAction.Kind.INDEX, index, documentId(record), source, partition, offset);
    }

    private String documentId(SinkRecord record) {
        if (ignoreKey) {
            return record.originalTopic() + "+" + record.originalKafkaPartition() + "+" + record.originalKafkaOffset();
        }
        Object key = record.key();
        if (key instanceof String || key instanceof Number || key instanceof Boolean) {
            return key.toString();
        }
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String found = key == null ? "null" : key.getClass().getName();
        throw new DataException("The record key is the document id (key.ignore=false) and must be a string or number, "
                + "found " + found + " in record " + coordinates(record));
    }

    private static byte[] source(SinkRecord record) {
        Object value = record.value();
        byte[] json;
        if (value instanceof byte[] bytes) {
            json = bytes;
        } else if (value instanceof String text) {
            json = text.getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof Map<?, ?> map) {
            return Json.toBytes(map);
        } else {
            throw new DataException("Only Map, String or byte[] JSON values can be indexed, found "
                    + value.getClass().getName() + " in record " + coordinates(record));
        }
        return isBlank(json) ? null : oneLine(json);
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Replaces CR and LF by spaces; copies only when there is one. */
    static byte[] oneLine(byte[] json) {
        byte[] out = null;
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '\n' || json[i] == '\r') {
                if (out == null) {
                    out = json.clone();
                }
                out[i] = ' ';
            }
        }
        return out == null ? json : out;
    }

    static String coordinates(SinkRecord record) {
        return record.originalTopic() + "/" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }
}
