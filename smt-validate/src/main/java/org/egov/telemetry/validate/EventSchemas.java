package org.egov.telemetry.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import org.apache.kafka.common.config.ConfigException;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.TelemetryFields;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One compiled JSON schema per {@code eid}. The built-in Telemetry v3 schemas are compiled once per JVM and
 * profile; a custom directory's files are compiled once when the transformation is configured.
 */
final class EventSchemas {

    /** The public Telemetry v3 events, one {@code edata/<eid>.json} resource each. */
    static final List<String> V3_EIDS = List.of("START", "END", "SUMMARY", "IMPRESSION", "INTERACT", "LOG",
            "ERROR", "AUDIT", "SEARCH", "FEEDBACK", "SHARE", "ASSESS", "RESPONSE", "EXDATA", "HEARTBEAT",
            "INTERRUPT", "METRICS");

    private static final String RESOURCES = "schemas/v3/";
    private static final Map<Profile, EventSchemas> BUILT_IN = new EnumMap<>(Profile.class);

    private final Map<String, Schema> byEid;

    private EventSchemas(Map<String, Schema> byEid) {
        this.byEid = Collections.unmodifiableMap(byEid);
    }

    /** The built-in schemas of {@code profile}, compiled on first use. */
    static synchronized EventSchemas builtIn(Profile profile) {
        return BUILT_IN.computeIfAbsent(profile, EventSchemas::compile);
    }

    /**
     * The built-in schemas of {@code profile}, with every {@code <eid>.json} file of {@code directory}
     * (file name in any case) replacing or adding the schema of that eid. Those files are used as written;
     * relative {@code $ref}s resolve against the file.
     *
     * @throws ConfigException naming {@code configKey} when the directory or a schema in it cannot be used
     */
    static EventSchemas withOverrides(Profile profile, Path directory, String configKey) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigException(configKey, directory.toString(), "is not a readable directory");
        }
        Map<String, Schema> schemas = new HashMap<>(builtIn(profile).byEid);
        String root = directory.toAbsolutePath().normalize().toUri().toString();
        // Only files under the directory may be read: a $ref to any other place (http, other files) fails.
        SchemaRegistry registry = registry(builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources()
                .allow(iri -> iri.toString().startsWith(root))));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String eid = name.substring(0, name.length() - ".json".length()).toUpperCase(Locale.ROOT);
                try {
                    Schema schema = registry.getSchema(SchemaLocation.of(file.toAbsolutePath().normalize().toUri().toString()));
                    schema.initializeValidators();
                    schemas.put(eid, schema);
                } catch (RuntimeException e) {
                    throw new ConfigException(configKey, directory.toString(),
                            "schema " + name + " cannot be compiled: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigException(configKey, directory.toString(), "cannot be listed: " + e.getMessage());
        }
        return new EventSchemas(schemas);
    }

    private static EventSchemas compile(Profile profile) {
        SchemaRegistry registry = registry(builder -> { });
        Map<String, Schema> schemas = new HashMap<>();
        for (String eid : V3_EIDS) {
            ObjectNode event = (ObjectNode) readResource("event.json");
            ObjectNode edata = (ObjectNode) readResource("edata/" + eid.toLowerCase(Locale.ROOT) + ".json");
            profile.adapt(event, edata);
            ObjectNode properties = (ObjectNode) event.get("properties");
            properties.putObject(TelemetryFields.EID).put("const", eid);
            properties.set(TelemetryFields.EDATA, edata);
            Schema schema = registry.getSchema(event);
            schema.initializeValidators();
            schemas.put(eid, schema);
        }
        return new EventSchemas(schemas);
    }

    private static SchemaRegistry registry(Consumer<SchemaRegistry.Builder> customizer) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7, builder -> {
            builder.schemaRegistryConfig(config);
            customizer.accept(builder);
        });
    }

    private static JsonNode readResource(String name) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema resource " + RESOURCES + name);
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> eids() {
        return new TreeSet<>(byEid.keySet());
    }

    /** @return the first violation of the event's schema, or null when the event is valid */
    Violation check(Map<String, Object> event) {
        Object eid = event.get(TelemetryFields.EID);
        if (eid == null) {
            return new Violation("/eid", "required field 'eid' is missing");
        }
        if (!(eid instanceof String name) || name.isBlank()) {
            return new Violation("/eid", "'eid' must be a non-empty string");
        }
        Schema schema = byEid.get(name);
        if (schema == null) {
            return new Violation("/eid", "unknown eid '" + abbreviate(name) + "': no schema for it");
        }
        List<Error> errors = schema.validate(JsonTrees.of(event));
        return errors.isEmpty() ? null : violation(errors.get(0));
    }

    private static Violation violation(Error error) {
        String pointer = error.getInstanceLocation().toString();
        String keyword = error.getKeyword();
        if (error.getProperty() != null && ("required".equals(keyword) || "additionalProperties".equals(keyword))) {
            pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        String location = error.getInstanceLocation().toString();
        return new Violation(pointer, location.isEmpty() ? error.getMessage() : location + ": " + error.getMessage());
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
