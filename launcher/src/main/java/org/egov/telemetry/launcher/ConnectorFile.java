package org.egov.telemetry.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * One connector as written in {@code connectors/*.json}: {@code {"name": "...", "config": {...}}}, the body
 * Connect's {@code POST /connectors} takes. Config values are sent as strings, which is what the worker
 * stores anyway; numbers and booleans are accepted in the file for readability.
 */
record ConnectorFile(Path path, String name, Map<String, String> config) {

    static ConnectorFile read(ObjectMapper json, Path path) throws IOException {
        JsonNode root = json.readTree(path.toFile());
        if (root == null || !root.isObject()) {
            throw new IOException(path + ": expected a JSON object {\"name\": ..., \"config\": {...}}");
        }
        JsonNode config = root.path("config");
        if (!config.isObject()) {
            throw new IOException(path + ": missing \"config\" object");
        }
        String name = root.path("name").asText(config.path("name").asText(""));
        if (name.isBlank()) {
            throw new IOException(path + ": missing \"name\"");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw new IOException(path + ": config key '" + e.getKey()
                        + "' must be a string, number or boolean, found " + v.getNodeType());
            }
            if (!v.isNull()) {
                values.put(e.getKey(), v.asText());
            }
        }
        String inner = values.get("name");
        if (inner != null && !inner.equals(name)) {
            throw new IOException(path + ": config.name '" + inner + "' differs from name '" + name + "'");
        }
        values.put("name", name);
        resolveFiles(values, repoRoot(path.toAbsolutePath().getParent()));
        return new ConnectorFile(path, name, values);
    }

    /** The folder holding {@code connectors/}, for a file in it or in one of its folders (connectors/replay). */
    static Path repoRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (d.getFileName() != null && d.getFileName().toString().equals("connectors")) {
                return d.getParent();
            }
        }
        return dir.getParent();
    }

    /**
     * Keys naming a file ({@code *.file}) may hold a path relative to the repository root, such as
     * {@code connectors/lookups/tenants.json}; the worker runs elsewhere, so they are made absolute.
     */
    static void resolveFiles(Map<String, String> config, Path repoRoot) {
        config.replaceAll((key, value) -> key.endsWith(".file") && !value.isBlank() && !Path.of(value).isAbsolute()
                ? repoRoot.resolve(value).normalize().toString() : value);
    }

    /**
     * The files with one key of one connector set, from {@code NAME.KEY=VALUE} (the name is up to the first dot,
     * the key may hold dots).
     */
    static List<ConnectorFile> withSetting(List<ConnectorFile> files, String setting) {
        int dot = setting.indexOf('.');
        int eq = setting.indexOf('=');
        if (dot < 1 || eq < dot + 2) {
            throw new IllegalArgumentException("--set takes NAME.KEY=VALUE, not " + setting);
        }
        String name = setting.substring(0, dot);
        if (files.stream().noneMatch(f -> f.name().equals(name))) {
            throw new IllegalArgumentException("--set " + setting + ": no connector file names " + name);
        }
        return files.stream().map(f -> {
            if (!f.name().equals(name)) {
                return f;
            }
            Map<String, String> config = new LinkedHashMap<>(f.config());
            config.put(setting.substring(dot + 1, eq), setting.substring(eq + 1));
            return new ConnectorFile(f.path(), f.name(), config);
        }).toList();
    }

    /**
     * The Kafka topics this connector reads or writes, as its keys name them: {@code topic}, {@code topics} and
     * every key ending in {@code .topic} ({@code input.topic}, {@code transforms.dedup.duplicate.topic}, ...),
     * except a lookup's table ({@code lookup.<name>.topic}), a compacted topic its owner creates.
     * Dead-letter topics are left to Connect, which creates them.
     */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        config.forEach((key, value) -> {
            boolean named = key.equals("topic") || key.equals("topics")
                    || key.endsWith(".topic") && !key.matches("(.*\\.)?lookup\\.[^.]+\\.topic");
            if (named) {
                for (String topic : value.split(",")) {
                    if (!topic.isBlank()) {
                        topics.add(topic.trim());
                    }
                }
            }
        });
        return topics;
    }

    /** The {@code *.json} files directly in {@code dir} (not its sub-folders), sorted by file name. */
    static List<ConnectorFile> readDir(ObjectMapper json, Path dir) throws IOException {
        List<ConnectorFile> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                    .sorted().toList()) {
                files.add(read(json, p));
            }
        }
        return files;
    }
}
