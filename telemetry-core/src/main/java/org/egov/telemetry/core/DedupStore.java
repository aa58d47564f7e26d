package org.egov.telemetry.core;

import java.io.Closeable;

/**
 * Remembers keys for a time window. Implementations: an in-memory bounded window per task, or a
 * cluster-wide store such as Redis.
 */
public interface DedupStore extends Closeable {

    /**
     * Records {@code key} and tells whether it was new.
     *
     * @return {@code true} if the key had not been seen within the window (the caller keeps the record),
     *         {@code false} if it is a duplicate
     */
    boolean putIfAbsent(String key);

    @Override
    void close();
}
