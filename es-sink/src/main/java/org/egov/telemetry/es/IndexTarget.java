package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.DataException;
import org.egov.telemetry.es.TargetConfig.DataStreamType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Picks the index (or data stream) of a document: a fixed index, the topic name, a data stream
 * {@code <type>-<dataset>-<namespace>}, or any of the first two suffixed with the UTC date of a document field.
 */
final class IndexTarget {

    private final String fixedIndex;
    private final String dateField;
    private final DateTimeFormatter dateFormat;
    private final DataStreamType streamType;
    private final String dataset;
    private final String namespace;

    IndexTarget(ElasticsearchSinkConnectorConfig config) {
        this.fixedIndex = config.target().indexName();
        this.dateField = config.target().indexDateField();
        this.dateFormat = DateTimeFormatter.ofPattern(config.target().indexDateFormat(), Locale.ROOT).withZone(ZoneOffset.UTC);
        this.streamType = config.target().dataStreamType();
        this.dataset = config.target().dataStreamDataset();
        this.namespace = config.target().dataStreamNamespace();
    }

    boolean isDataStream() {
        return streamType != DataStreamType.NONE;
    }

    /** Whether {@link #index} needs the document's fields. */
    boolean needsDocument() {
        return dateField != null;
    }

    /** The name of the data stream for {@code topic}, or the index for a document of {@code topic}. */
    String index(String topic, Map<String, Object> document) {
        if (isDataStream()) {
            String ns = namespace.equals("${topic}") ? topic.toLowerCase(Locale.ROOT).replace('-', '_') : namespace;
            return streamType.name().toLowerCase(Locale.ROOT) + "-" + dataset + "-" + ns;
        }
        String base = fixedIndex != null ? fixedIndex : topic.toLowerCase(Locale.ROOT);
        if (dateField == null) {
            return base;
        }
        return base + "-" + dateFormat.format(dateOf(document)).toLowerCase(Locale.ROOT);
    }

    /** Index patterns an index template for this target must match. */
    String[] templatePatterns() {
        if (isDataStream()) {
            return new String[] {streamType.name().toLowerCase(Locale.ROOT) + "-" + dataset + "-*"};
        }
        return dateField == null ? new String[] {fixedIndex} : new String[] {fixedIndex + "-*"};
    }

    private Instant dateOf(Map<String, Object> document) {
        Object value = field(document, dateField);
        if (value instanceof Number number) {
            return Instant.ofEpochMilli(number.longValue());
        }
        if (value instanceof String text && !text.isBlank()) {
            String trimmed = text.trim();
            try {
                if (trimmed.chars().allMatch(Character::isDigit)) {
                    return Instant.ofEpochMilli(Long.parseLong(trimmed));
                }
                if (trimmed.length() == 10) {
                    return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return OffsetDateTime.parse(trimmed).toInstant();
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new DataException("Field " + dateField + " is not an ISO-8601 date or epoch milliseconds, "
                        + "so no dated index can be chosen");
            }
        }
        throw new DataException("Field " + dateField + " is " + (value == null ? "missing" : "not a date")
                + ", so no dated index can be chosen");
    }

    @SuppressWarnings("unchecked")
    private static Object field(Map<String, Object> document, String path) {
        Object direct = document.get(path);          // "@timestamp", or a key that itself contains dots
        if (direct != null || !path.contains(".")) {
            return direct;
        }
        Object current = document;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }
}
