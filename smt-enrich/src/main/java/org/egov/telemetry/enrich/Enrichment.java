package org.egov.telemetry.enrich;

import org.apache.kafka.connect.header.Headers;

/** One kind of derived data that {@link EnrichTelemetry} adds to an event. */
interface Enrichment extends AutoCloseable {

    /** What came of enriching one event; each outcome is counted per enrichment. */
    enum Outcome {
        /** The data was added. */
        ENRICHED,
        /** The event (or record) lacks what this enrichment reads; the event is left as it is. */
        MISSING_INPUT,
        /** A lookup key that the table does not hold. */
        NOT_FOUND,
        /** The input was there but could not be used (unparsable, or the target is not an object). */
        UNUSABLE
    }

    /** Name used in metric tags and logs, e.g. {@code timestamp} or {@code lookup-tenant}. */
    String name();

    Outcome enrich(EventCopy event, Headers headers);

    @Override
    default void close() {
    }
}
