package org.egov.telemetry.core;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A dotted path into a JSON object, such as {@code edata.cityId} or {@code context.pdata.id}. */
public final class FieldPath {

    private static final Pattern DOT = Pattern.compile("\\.");

    private final String text;
    private final List<String> segments;

    private FieldPath(String text) {
        this.text = text;
        this.segments = List.of(DOT.split(text, -1));
    }

    /** @throws IllegalArgumentException when the path is blank or has an empty segment */
    public static FieldPath of(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || trimmed.startsWith(".") || trimmed.endsWith(".") || trimmed.contains("..")) {
            throw new IllegalArgumentException("'" + text + "' is not a dotted field path such as edata.cityId");
        }
        return new FieldPath(trimmed);
    }

    /** @return the path, or null for a blank text; an empty segment matches nothing */
    public static FieldPath parse(String text) {
        return text == null || text.isBlank() ? null : new FieldPath(text.trim());
    }

    public List<String> segments() {
        return segments;
    }

    /** The value at this path, or null when a step is missing or not an object. */
    public Object read(Map<String, Object> root) {
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
    public String readText(Map<String, Object> root) {
        Object value = read(root);
        if (value instanceof String string) {
            return string.isBlank() ? null : string;
        }
        return value instanceof Number number ? number.toString() : null;
    }

    /** As {@link #readText}, and a boolean as {@code true} or {@code false}. */
    public String readScalar(Map<String, Object> root) {
        Object value = read(root);
        return value instanceof Boolean bool ? bool.toString() : readText(root);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A config value that must be a field path ({@link #of}). */
    public static ConfigDef.Validator validator() {
        return ConfigDef.LambdaValidator.with(FieldPath::ensureValid, () -> "a dotted field path, e.g. edata.cityId");
    }

    /** A config value that is empty (not used) or a field path. */
    public static ConfigDef.Validator emptyOrValidator() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                ensureValid(name, value);
            }
        }, () -> "empty or a field path such as ets or context.date");
    }

    private static void ensureValid(String name, Object value) {
        try {
            of(value == null ? "" : value.toString());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }
}
