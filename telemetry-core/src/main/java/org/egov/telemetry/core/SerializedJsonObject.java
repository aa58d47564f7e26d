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
        Map<String, Object> frozen = freezeMap(object);
        return new SerializedJsonObject(frozen, Json.toBytes(frozen));
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

    @SuppressWarnings("unchecked")
    private static Object freeze(Object value) {
        if (value instanceof Map) {
            return freezeMap((Map<String, Object>) value);
        }
        if (value instanceof List) {
            List<Object> list = (List<Object>) value;
            for (ListIterator<Object> it = list.listIterator(); it.hasNext(); ) {
                it.set(freeze(it.next()));
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof BigInteger big) {
            return big.toString();
        }
        return value;
    }

    private static Map<String, Object> freezeMap(Map<String, Object> map) {
        for (Entry<String, Object> entry : map.entrySet()) {
            entry.setValue(freeze(entry.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }
}
