package org.egov.telemetry.enrich;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A dotted path into a JSON object, such as {@code edata.cityId} or {@code context.pdata.id}. */
final class FieldPath {

    private static final Pattern DOT = Pattern.compile("\\.");

    private final String text;
    private final List<String> segments;

    private FieldPath(String text) {
        this.text = text;
        this.segments = List.of(DOT.split(text, -1));
    }

    /** @throws IllegalArgumentException when the path is blank or has an empty segment */
    static FieldPath of(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.endsWith(".") || trimmed.contains("..")) {
            throw new IllegalArgumentException("'" + text + "' is not a dotted field path such as edata.cityId");
        }
        return new FieldPath(trimmed);
    }

    List<String> segments() {
        return segments;
    }

    /** The value at this path, or null when a step is missing or not an object. */
    Object read(Map<String, Object> root) {
        Object current = root;
        for (String segment : segments) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }

    /** The value at this path as text when it is a non-blank string or a number; null otherwise. */
    String readText(Map<String, Object> root) {
        Object value = read(root);
        if (value instanceof String string) {
            return string.isBlank() ? null : string;
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
