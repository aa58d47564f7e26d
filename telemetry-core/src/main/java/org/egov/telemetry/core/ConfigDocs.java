package org.egov.telemetry.core;

import org.apache.kafka.common.config.ConfigDef;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Configuration reference generated from a plugin's {@link ConfigDef}, so the documentation cannot drift from
 * the code: each plugin has a test that compares its page under {@code docs/config/} with what this renders.
 */
public final class ConfigDocs {

    /** System property that makes {@link #compareOrWrite} rewrite stale pages instead of failing. */
    public static final String UPDATE_PROPERTY = "config.docs.update";

    private ConfigDocs() {
    }

    /** Names of keys whose documentation is missing or blank; empty when every key is documented. */
    public static List<String> undocumentedKeys(ConfigDef def) {
        return def.configKeys().values().stream()
                .filter(key -> key.documentation == null || key.documentation.isBlank())
                .map(key -> key.name)
                .sorted()
                .collect(Collectors.toList());
    }

    /** A Markdown page: a table per config group, keys in definition order. */
    public static String toMarkdown(String title, String overview, ConfigDef def) {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        for (ConfigDef.ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group == null ? "" : key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder out = new StringBuilder();
        out.append("# ").append(title).append("\n\n");
        if (overview != null && !overview.isBlank()) {
            out.append(overview.replaceAll("</?code>", "`")).append("\n\n");
        }
        out.append("Generated from the plugin's ConfigDef; do not edit by hand (see `ConfigDocs`).\n");
        for (Map.Entry<String, List<ConfigDef.ConfigKey>> group : groups.entrySet()) {
            out.append('\n');
            if (!group.getKey().isEmpty()) {
                out.append("## ").append(group.getKey()).append("\n\n");
            }
            out.append("| key | type | default | valid values | importance | description |\n");
            out.append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : group.getValue()) {
                out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                        .append(" | ").append(defaultOf(key)).append(" | ")
                        .append(cell(key.validator == null ? "" : key.validator.toString())).append(" | ")
                        .append(key.importance == null ? "" : key.importance.name().toLowerCase()).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        }
        return out.toString();
    }

    /**
     * @return null when {@code page} holds exactly {@code markdown}; otherwise a message saying how to refresh
     *         it. With {@code -Dconfig.docs.update=true} the page is rewritten and null returned.
     */
    public static String compareOrWrite(Path page, String markdown) {
        try {
            String current = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : null;
            if (markdown.equals(current)) {
                return null;
            }
            if (Boolean.getBoolean(UPDATE_PROPERTY)) {
                Files.createDirectories(page.getParent());
                Files.writeString(page, markdown, StandardCharsets.UTF_8);
                return null;
            }
            return page + " is " + (current == null ? "missing" : "out of date")
                    + "; regenerate it with: mvn test -D" + UPDATE_PROPERTY + "=true";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return key.defaultValue == null || key.defaultValue.toString().isEmpty() ? "\"\"" : "[hidden]";
        }
        Object value = key.defaultValue;
        if (value instanceof List<?> list) {
            value = list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "\"\"" : "`" + cell(text) + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
