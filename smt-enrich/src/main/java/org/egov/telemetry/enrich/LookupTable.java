package org.egov.telemetry.enrich;

import java.util.Map;

/** A key → JSON object table held in memory. */
interface LookupTable extends AutoCloseable {

    /** @return the object for {@code key}, or null; callers must not change it */
    Map<String, Object> get(String key);

    /** Number of keys held now. */
    long size();

    /**
     * Starts the background thread, if the table has one, named {@code threadName}; returns once the table
     * is loaded or its load time-out passed. Later calls do nothing.
     */
    default void start(String threadName) {
    }

    /** Gives the background thread, if any, a better name once the connector and task are known. */
    default void rename(String threadName) {
    }

    @Override
    default void close() {
    }
}
