package org.egov.telemetry.it.support;

import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The connector JSON shipped in {@code connectors/}, read as a user would POST it, with only the addresses
 * of this test's servers put in.
 */
public final class ConnectorFiles {

    private ConnectorFiles() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("repo.root");
        Path path = root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("connectors"))) {
            throw new IllegalStateException("connectors/ not found under " + path);
        }
        return path;
    }

    /** @return the file's {@code config} object with {@code addresses} replacing the local-stack values */
    public static Map<String, String> config(String connector, Map<String, String> addresses) {
        return config(repoRoot().resolve("connectors"), connector, addresses);
    }

    /** As {@link #config(String, Map)}, for a file of {@code connectors/<folder>/}, such as the replay's. */
    public static Map<String, String> config(String folder, String connector, Map<String, String> addresses) {
        return config(repoRoot().resolve("connectors").resolve(folder), connector, addresses);
    }

    private static Map<String, String> config(Path dir, String connector, Map<String, String> addresses) {
        Path file = dir.resolve(connector + ".json");
        try {
            Map<String, Object> json = Json.parseObject(Files.readAllBytes(file));
            if (!connector.equals(json.get("name"))) {
                throw new IllegalStateException(file + " names connector " + json.get("name"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) json.get("config");
            Map<String, String> out = new HashMap<>();
            config.forEach((key, value) -> out.put(key, String.valueOf(value)));
            // file paths relative to the repository root, made absolute as the local stack does
            out.replaceAll((key, value) -> key.endsWith(".file") && !value.isBlank() && !Path.of(value).isAbsolute()
                    ? repoRoot().resolve(value).normalize().toString() : value);
            addresses.forEach((key, value) -> {
                if (!out.containsKey(key)) {
                    throw new IllegalStateException(file + " has no key " + key + " to substitute");
                }
                out.put(key, value);
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
