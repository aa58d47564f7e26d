package org.egov.telemetry.dedup;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A dot-separated path into a JSON object, e.g. {@code context.pdata.id}. */
final class FieldPath {

    private static final Pattern DOT = Pattern.compile("\\.");

    private final String text;
    private final List<String> names;

    private FieldPath(String text) {
        this.text = text;
        this.names = List.of(DOT.split(text, -1));
    }

    /** @return the path, or null for a blank text */
    static FieldPath parse(String text) {
        return text == null || text.isBlank() ? null : new FieldPath(text.trim());
    }

    /** @return the value at the path, or null when a step is missing or not an object */
    Object read(Map<String, Object> root) {
        Object node = root;
        for (String name : names) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(name);
        }
        return node;
    }

    /** @return the value at the path as text when it is a non-blank string, a number or a boolean; else null */
    String readScalar(Map<String, Object> root) {
        Object value = read(root);
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        return value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
