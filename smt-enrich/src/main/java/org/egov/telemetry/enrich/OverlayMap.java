package org.egov.telemetry.enrich;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A map that reads through to a base map it never changes, with puts kept beside it: the base's keys in their
 * order (with any replaced value), then the new keys in the order they were put. Lets an enrichment write a few
 * top-level fields without copying every field of the event first. Keys cannot be removed.
 */
final class OverlayMap extends AbstractMap<String, Object> {

    private final Map<String, Object> base;
    /** New values of the base's keys; null until one is replaced, so reading the base costs no lookup here. */
    private Map<String, Object> replaced;
    private final Map<String, Object> added = new LinkedHashMap<>();

    OverlayMap(Map<String, Object> base) {
        this.base = base;
    }

    @Override
    public Object get(Object key) {
        if (added.containsKey(key)) {
            return added.get(key);
        }
        return replaced != null && replaced.containsKey(key) ? replaced.get(key) : base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return added.containsKey(key) || base.containsKey(key);
    }

    @Override
    public Object put(String key, Object value) {
        if (!base.containsKey(key)) {
            return added.put(key, value);
        }
        if (replaced == null) {
            replaced = new HashMap<>();
        }
        Object previous = replaced.containsKey(key) ? replaced.get(key) : base.get(key);
        replaced.put(key, value);
        return previous;
    }

    @Override
    public int size() {
        return base.size() + added.size();
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

    /** The base's entries, replaced values substituted, then the added ones; none of them can be set. */
    private final class Entries implements Iterator<Entry<String, Object>> {

        private final Iterator<Entry<String, Object>> inBase = base.entrySet().iterator();
        private final Iterator<Entry<String, Object>> inAdded = added.entrySet().iterator();

        @Override
        public boolean hasNext() {
            return inBase.hasNext() || inAdded.hasNext();
        }

        @Override
        public Entry<String, Object> next() {
            if (inBase.hasNext()) {
                Entry<String, Object> entry = inBase.next();
                if (replaced != null && replaced.containsKey(entry.getKey())) {
                    return new SimpleImmutableEntry<>(entry.getKey(), replaced.get(entry.getKey()));
                }
                return new SimpleImmutableEntry<>(entry);
            }
            return new SimpleImmutableEntry<>(inAdded.next());
        }
    }
}
