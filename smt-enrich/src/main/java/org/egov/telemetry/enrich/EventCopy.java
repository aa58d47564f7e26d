package org.egov.telemetry.enrich;

import org.egov.telemetry.core.FieldPath;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copy-on-write view of one event: reads see every write made so far, writes go beside the top level
 * ({@link OverlayMap}) and copy each nested object on their path once, and the input event is never changed.
 */
final class EventCopy {

    private final Map<String, Object> original;
    private final Set<Map<String, Object>> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private Map<String, Object> root;

    EventCopy(Map<String, Object> original) {
        this.original = original;
    }

    /** The event as it stands now. */
    Map<String, Object> view() {
        return root != null ? root : original;
    }

    boolean changed() {
        return root != null;
    }

    /**
     * Sets the value at {@code path}, creating missing objects on the way.
     *
     * @return false, writing nothing, when a step of the path holds something that is not an object
     */
    boolean put(FieldPath path, Object value) {
        Map<String, Object> parent = parentOf(path.segments());
        if (parent == null) {
            return false;
        }
        parent.put(last(path.segments()), value);
        return true;
    }

    /** Writes {@code values} into the object at {@code path}, keeping the keys it already holds. */
    boolean merge(FieldPath path, Map<String, Object> values) {
        Map<String, Object> parent = parentOf(path.segments());
        if (parent == null) {
            return false;
        }
        String field = last(path.segments());
        Map<String, Object> target = ownedChild(parent, field);
        if (target == null) {
            return false;
        }
        target.putAll(values);
        return true;
    }

    private Map<String, Object> parentOf(List<String> segments) {
        Map<String, Object> map = ownedRoot();
        for (int i = 0; i < segments.size() - 1 && map != null; i++) {
            map = ownedChild(map, segments.get(i));
        }
        return map;
    }

    /** The object under {@code field} of an owned map, copied once or created; null if a scalar is there. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> ownedChild(Map<String, Object> parent, String field) {
        Object child = parent.get(field);
        if (child instanceof Map<?, ?> map && owned.contains(map)) {
            return (Map<String, Object>) map;
        }
        if (child != null && !(child instanceof Map)) {
            return null;
        }
        Map<String, Object> copy = child == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>((Map<String, Object>) child);
        owned.add(copy);
        parent.put(field, copy);
        return copy;
    }

    private Map<String, Object> ownedRoot() {
        if (root == null) {
            root = new OverlayMap(original);          // the top level is not copied: writes sit beside it
            owned.add(root);
        }
        return root;
    }

    private static String last(List<String> segments) {
        return segments.get(segments.size() - 1);
    }
}
