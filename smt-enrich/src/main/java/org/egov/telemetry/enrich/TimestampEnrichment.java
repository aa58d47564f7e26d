package org.egov.telemetry.enrich;

import org.apache.kafka.connect.header.Headers;
import org.egov.telemetry.core.FieldPath;
import org.egov.telemetry.core.RecordValues;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** {@code @timestamp} from an epoch-millisecond field, in DIGIT's format: {@code 2024-01-31T10:15:30.123Z}. */
final class TimestampEnrichment implements Enrichment {

    static final DateTimeFormatter DIGIT_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final FieldPath source;
    private final FieldPath target;

    TimestampEnrichment(String sourceField, String targetField) {
        this.source = FieldPath.of(sourceField);
        this.target = FieldPath.of(targetField);
    }

    @Override
    public String name() {
        return "timestamp";
    }

    @Override
    public Outcome enrich(EventCopy event, Headers headers) {
        Long millis = RecordValues.asLong(source.read(event.view()));
        if (millis == null) {
            return Outcome.MISSING_INPUT;
        }
        String formatted;
        try {
            formatted = DIGIT_TIMESTAMP.format(Instant.ofEpochMilli(millis));
        } catch (DateTimeException e) {
            return Outcome.UNUSABLE;
        }
        return event.put(target, formatted) ? Outcome.ENRICHED : Outcome.UNUSABLE;
    }
}
