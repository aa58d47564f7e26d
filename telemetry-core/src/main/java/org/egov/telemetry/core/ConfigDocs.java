package org.egov.telemetry.core;

import org.apache.kafka.common.config.ConfigDef;

import java.util.List;
import java.util.stream.Collectors;

/** Checks shared by every plugin's config-documentation test. */
public final class ConfigDocs {

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
}
