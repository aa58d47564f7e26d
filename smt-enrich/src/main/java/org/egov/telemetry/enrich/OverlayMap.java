package org.egov.telemetry.enrich;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A map that reads through to a base map it never changes, with puts kept beside it: the base's keys in their
 * order (with any replaced value), then the new keys in the order they were put. Lets an enrichment write a few
 * top-level fields without copying every field of the event first. Keys cannot be removed.
 */
final class OverlayMap extends AbstractMap<String, Object> {

    private final Map<String, Object> base;
    private final Map<String, Object> changes = new LinkedHashMap<>();
    private int added;

    OverlayMap(Map<String, Object> base) {
        this.base = base;
    }

    @Override
    public Object get(Object key) {
        return changes.containsKey(key) ? changes.get(key) : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return changes.containsKey(key) || base.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        boolean inBase = base.containsKey(key);
        boolean changed = changes.containsKey(key);
        Object previous = changed ? changes.put(key, value) : base.get(key);
        if (!changed) {
            changes.put(key, value);
            if (!inBase) {
                added++;
            }
        }
        return previous;
    }

    @Override
    public int size() {
        return base.size() + added;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Entries();
            }

            @Override
            public int size() {
                return OverlayMap.this.size();
            }
        };
    }

    /** The base's entries, replaced values substituted, then the added ones. */
    private final class Entries implements Iterator<Entry<String, Object>> {

        private final Iterator<Entry<String, Object>> inBase = base.entrySet().iterator();
        private final Iterator<Entry<String, Object>> inChanges = changes.entrySet().iterator();
        private Entry<String, Object> next;

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (inBase.hasNext()) {
                Entry<String, Object> entry = inBase.next();
                next = changes.containsKey(entry.getKey())
                        ? new SimpleImmutableEntry<>(entry.getKey(), changes.get(entry.getKey()))
                        : new SimpleImmutableEntry<>(entry);
                return true;
            }
            while (inChanges.hasNext()) {
                Entry<String, Object> entry = inChanges.next();
                if (!base.containsKey(entry.getKey())) {
                    next = new SimpleImmutableEntry<>(entry);
                    return true;
                }
            }
            return false;
        }

        @Override
        public Entry<String, Object> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Entry<String, Object> entry = next;
            next = null;
            return entry;
        }
    }
}
