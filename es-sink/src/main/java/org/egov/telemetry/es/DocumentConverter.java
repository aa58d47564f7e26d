package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.core.JsonLines;
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
        return JsonLines.toLine(record.value(), "indexing (record " + coordinates(record) + ")");
    }

    static String coordinates(SinkRecord record) {
        return record.originalTopic() + "/" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }
}
