package org.egov.telemetry.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
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
import java.util.ArrayList;
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
    private static final Set<String> NAMES_A_PROPERTY = Set.of("required", "additionalProperties");
    private static final Map<Profile, EventSchemas> BUILT_IN = new EnumMap<>(Profile.class);

    private final Profile profile;
    private final Map<String, Schema> byEid;
    /** The fields every event shares, for events of an eid without a schema (lenient profiles only). */
    private final Schema anyEid;
    /** Eids whose schema came from a schema directory: used as written, never leniently. */
    private final Set<String> asWritten;

    private EventSchemas(Profile profile, Map<String, Schema> byEid, Schema anyEid, Set<String> asWritten) {
        this.profile = profile;
        this.byEid = Collections.unmodifiableMap(byEid);
        this.anyEid = anyEid;
        this.asWritten = Collections.unmodifiableSet(asWritten);
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
        EventSchemas builtIn = builtIn(profile);
        Map<String, Schema> schemas = new HashMap<>(builtIn.byEid);
        Set<String> fromDirectory = new TreeSet<>();
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
                    fromDirectory.add(eid);
                } catch (RuntimeException e) {
                    throw new ConfigException(configKey, directory.toString(),
                            "schema " + name + " cannot be compiled: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigException(configKey, directory.toString(), "cannot be listed: " + e.getMessage());
        }
        return new EventSchemas(profile, schemas, builtIn.anyEid, fromDirectory);
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
            schemas.put(eid, compiled(registry, event));
        }
        ObjectNode event = (ObjectNode) readResource("event.json");
        profile.adapt(event, ((ObjectNode) event.get("properties")).putObject(TelemetryFields.EDATA).put("type", "object"));
        return new EventSchemas(profile, schemas, compiled(registry, event), Set.of());
    }

    private static Schema compiled(SchemaRegistry registry, ObjectNode schemaNode) {
        Schema schema = registry.getSchema(schemaNode);
        schema.initializeValidators();
        return schema;
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

    /**
     * Validates one event. Under a strict profile, and for a schema of a schema directory, the first
     * violation fails the event; under a lenient profile {@link Leniency} settles the violations of the
     * built-in schemas, and an eid without a schema is checked against the fields every event shares.
     */
    Verdict check(Map<String, Object> event) {
        Object eid = event.get(TelemetryFields.EID);
        if (eid == null) {
            return Verdict.fail(new Violation("/eid", "required field 'eid' is missing"));
        }
        if (!(eid instanceof String name) || name.isBlank()) {
            return Verdict.fail(new Violation("/eid", "'eid' must be a non-empty string"));
        }
        Schema schema = byEid.get(name);
        String unknown = "unknown eid '" + abbreviate(name) + "': no schema for it";
        if (schema == null && !profile.lenient()) {
            return Verdict.fail(new Violation("/eid", unknown));
        }
        List<Error> errors = (schema == null ? anyEid : schema).validate(JsonTrees.of(event));
        if (profile.lenient() && !asWritten.contains(name)) {
            Verdict verdict = Leniency.settle(event, errors);
            return schema != null || !verdict.passed() ? verdict
                    : Verdict.tolerate(event, verdict.coerced(), withFirst("/eid: " + unknown, verdict.tolerated()));
        }
        return errors.isEmpty() ? Verdict.pass(event) : Verdict.fail(violation(errors.get(0)));
    }

    private static List<String> withFirst(String first, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** The path of the element an error is about: for a missing or extra property, the property's own path. */
    static List<Object> path(Error error) {
        NodePath location = error.getInstanceLocation();
        List<Object> path = new ArrayList<>(location.getNameCount() + 1);
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path.add(element instanceof Number index ? (Object) index.intValue() : String.valueOf(element));
        }
        if (error.getProperty() != null && NAMES_A_PROPERTY.contains(error.getKeyword())) {
            path.add(error.getProperty());
        }
        return path;
    }

    /** The JSON pointer of a path. */
    private static String pointer(List<Object> path) {
        StringBuilder pointer = new StringBuilder();
        for (Object element : path) {
            pointer.append('/').append(String.valueOf(element).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    static Violation violation(Error error) {
        return violation(error, path(error));
    }

    /** @param path the error's {@link #path} */
    static Violation violation(Error error, List<Object> path) {
        String location = error.getInstanceLocation().toString();
        return new Violation(pointer(path), location.isEmpty() ? error.getMessage() : location + ": " + error.getMessage());
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
