package org.egov.telemetry.s3.config;

/**
 * Where a record's time comes from (Confluent's {@code timestamp.extractor} values, matched without regard to
 * case: {@code RecordField}, {@code Record}, {@code Wallclock}).
 */
public enum TimestampSource {
    /** A field of the value; falls back to the Kafka timestamp, then the wall clock, when the field is missing. */
    RECORDFIELD,
    /** The Kafka record timestamp; falls back to the wall clock when the record has none. */
    RECORD,
    /** The wall clock when the task writes the record. Not reproducible on replay. */
    WALLCLOCK
}
