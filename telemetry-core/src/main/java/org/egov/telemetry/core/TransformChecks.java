package org.egov.telemetry.core;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.transforms.Transformation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For a connector's {@code validate()}: the checks a transformation's ConfigDef makes beyond its declared keys.
 *
 * <p>Kafka Connect validates a transformation by copying its declared keys into the connector's ConfigDef under
 * {@code transforms.<alias>.}, so keys whose names depend on another key's value (smt-enrich's
 * {@code lookup.<name>.*}) are never looked at before a task starts. A connector's own {@code validate()} sees all
 * of the connector's properties, and what it reports on a key Connect does not declare still counts as an
 * error: this asks each transformation of the chain to validate its properties and keeps what it reports on
 * such keys, under their full names ({@code transforms.enrich.lookup.tenant.file}).
 */
public final class TransformChecks {

    private static final String TRANSFORMS = "transforms";

    private TransformChecks() {
    }

    /** Adds to {@code result} the errors the chain's transformations report on keys they do not declare. */
    public static void addTo(Config result, Map<String, String> connectorProps) {
        String aliases = connectorProps.get(TRANSFORMS);
        if (aliases == null || aliases.isBlank()) {
            return;
        }
        for (String alias : aliases.split(",")) {
            String prefix = TRANSFORMS + "." + alias.trim() + ".";
            ConfigDef def = configOf(connectorProps.get(prefix + "type"));
            if (def == null) {
                continue;
            }
            Map<String, String> own = new HashMap<>();
            connectorProps.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    own.put(key.substring(prefix.length()), value);
                }
            });
            for (ConfigValue value : def.validateAll(own).values()) {
                if (!def.configKeys().containsKey(value.name()) && !value.errorMessages().isEmpty()) {
                    result.configValues().add(new ConfigValue(prefix + value.name(), value.value(),
                            List.of(), value.errorMessages()));
                }
            }
        }
    }

    /** The ConfigDef of a transformation class; null when it cannot be had, which Connect reports itself. */
    private static ConfigDef configOf(String className) {
        if (className == null || className.isBlank()) {
            return null;
        }
        try {
            Class<?> type = Class.forName(className.trim(), true, Thread.currentThread().getContextClassLoader());
            if (!Transformation.class.isAssignableFrom(type)) {
                return null;
            }
            Transformation<?> transformation = (Transformation<?>) type.getDeclaredConstructor().newInstance();
            try {
                return transformation.config();
            } finally {
                transformation.close();
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
