package org.egov.telemetry.es;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.core.JsonLines;
import org.egov.telemetry.core.RecordValues;
import org.egov.telemetry.es.TargetConfig.NullValueBehavior;
import org.egov.telemetry.es.TargetConfig.WriteMethod;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Turns a sink record into a {@link BulkAction}: target index, document id and JSON source. Map values are
 * serialised; {@code byte[]} and {@code String} JSON is written through as it is, only line breaks (which can
 * only be whitespace in valid JSON) are replaced by spaces so the document fits on one NDJSON line. An empty
 * or blank value is handled like a null value ({@code behavior.on.null.values}).
 */
final class DocumentConverter {

    /** A record that cannot become a document (unreadable JSON, no date for a dated index). */
    static final class MalformedRecordException extends DataException {
        MalformedRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final IndexTarget target;
    private final boolean ignoreKey;
    private final NullValueBehavior onNull;
    private final BulkAction.Kind writeKind;

    DocumentConverter(ElasticsearchSinkConnectorConfig config) {
        this.target = new IndexTarget(config);
        this.ignoreKey = config.target().ignoreKey();
        this.onNull = config.target().behaviorOnNullValues();
        this.writeKind = target.isDataStream() ? BulkAction.Kind.CREATE
                : config.target().writeMethod() == WriteMethod.UPSERT ? BulkAction.Kind.UPDATE : BulkAction.Kind.INDEX;
    }

    /**
     * @throws MalformedRecordException when the value cannot become a document
     * @throws DataException when the record breaks the configuration (null key or value where not allowed)
     */
    BulkAction convert(SinkRecord record) {
        TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        long offset = record.originalKafkaOffset();
        byte[] source = record.value() == null ? null : source(record);
        if (source == null) {
            return switch (onNull) {
                case IGNORE -> BulkAction.skip(record, partition, offset);
                case DELETE -> new BulkAction(BulkAction.Kind.DELETE, index(record), documentId(record), null, record,
                        partition, offset);
                case FAIL -> throw new DataException("Null or empty value in record " + coordinates(record)
                        + " and behavior.on.null.values=fail; set it to ignore or delete to accept tombstones");
            };
        }
        return new BulkAction(writeKind, index(record), documentId(record), source, record, partition, offset);
    }

    private String index(SinkRecord record) {
        Map<String, Object> document = null;
        try {
            if (target.needsDocument()) {
                document = record.value() == null ? Map.of()
                        : RecordValues.asObject(record.value(), "choosing the index of record " + coordinates(record));
            }
            return target.index(record.topic(), document);
        } catch (DataException e) {
            throw new MalformedRecordException(e.getMessage() + " (record " + coordinates(record) + ")", e);
        }
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
        try {
            return JsonLines.toLine(record.value(), "indexing (record " + coordinates(record) + ")");
        } catch (DataException e) {
            throw new MalformedRecordException(e.getMessage(), e);
        }
    }

    static String coordinates(SinkRecord record) {
        return record.originalTopic() + "/" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }
}
