package org.egov.telemetry.dedup;

import org.egov.telemetry.core.DedupStore;

/**
 * A {@link DedupStore} that also remembers where each key was first seen, so that a record replayed from the
 * same source position (after a task restart) can be told apart from a true duplicate.
 */
interface SeenStore extends DedupStore {

    /**
     * Stores {@code key} with {@code origin} unless it is already there.
     *
     * @return null when the key was new; otherwise the origin stored with it ("" when none was)
     * @throws StoreUnavailableException when the store cannot answer
     */
    String putIfAbsent(String key, String origin);

    @Override
    default boolean putIfAbsent(String key) {
        return putIfAbsent(key, "") == null;
    }
}
