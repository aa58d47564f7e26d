package org.egov.telemetry.core;

import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;

/**
 * A schemaless record value (a JSON object as a {@code Map}) that also carries its JSON serialisation, made
 * once by whoever built the value, so that {@link TelemetryJsonConverter} can write those bytes instead of
 * serialising the map again on the task thread.
 *
 * <p>The map and everything nested in it are read-only: the bytes stay true to the map. A transformation that
 * changes the value builds a new map (as Connect's own SMTs do), which is then serialised the usual way.
 * Integers beyond 64 bits, which Connect's JSON converter cannot write, are kept as their decimal text.
 */
public final class SerializedJsonObject extends AbstractMap<String, Object> {

    private final Map<String, Object> fields;
    private final byte[] json;

    private SerializedJsonObject(Map<String, Object> fields, byte[] json) {
        this.fields = fields;
        this.json = json;
    }

    /**
     * Freezes {@code object} and everything nested in it in place and serialises it. The caller hands the map
     * over: it must not keep changing the mutable original.
     */
    public static SerializedJsonObject of(Map<String, Object> object) {
        return of(object, null);
    }

    /**
     * As {@link #of(Map)}, but carries {@code json}, the text {@code object} was parsed from (with fields of the
     * same names and values added by the caller), instead of serialising the object again; when freezing had to
     * change a value (an integer beyond 64 bits), the object is serialised after all, so the bytes stay what
     * Connect's JSON converter can read back.
     *
     * @param json well-formed UTF-8 JSON text of {@code object}, kept, not copied; null to serialise the object
     */
    public static SerializedJsonObject of(Map<String, Object> object, byte[] json) {
        boolean[] changed = new boolean[1];
        Map<String, Object> frozen = freezeMap(object, changed);
        return new SerializedJsonObject(frozen, json == null || changed[0] ? Json.toBytes(frozen) : json);
    }

    /** The JSON text of this object, UTF-8. The array is shared: callers must not change it. */
    public byte[] json() {
        return json;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields.entrySet();
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public int size() {
        return fields.size();
    }

    /** @param changed its one element is set when a value had to be replaced */
    @SuppressWarnings("unchecked")
    private static Object freeze(Object value, boolean[] changed) {
        if (value instanceof Map) {
            return freezeMap((Map<String, Object>) value, changed);
        }
        if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            for (ListIterator<Object> it = list.listIterator(); it.hasNext(); ) {
                it.set(freeze(it.next(), changed));
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof BigInteger big) {
            changed[0] = true;
            return big.toString();
        }
        return value;
    }

    private static Map<String, Object> freezeMap(Map<String, Object> map, boolean[] changed) {
        for (Entry<String, Object> entry : map.entrySet()) {
            entry.setValue(freeze(entry.getValue(), changed));
        }
        return Collections.unmodifiableMap(map);
    }
}
