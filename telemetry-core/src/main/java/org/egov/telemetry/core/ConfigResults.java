package org.egov.telemetry.core;

import org.apache.kafka.common.config.Config;

import java.util.Map;

/**
 * Helpers for a connector's {@code validate()}: the checks across keys run only once every key is valid on its
 * own, and each of their errors is pinned to the key the operator has to change.
 */
public final class ConfigResults {

    private ConfigResults() {
    }

    /** Whether the ConfigDef's own, key-by-key validation found nothing. */
    public static boolean eachKeyValid(Config result) {
        return result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
    }

    /** Adds {@code message} to {@code key}'s errors, or to the first key's when the result does not list it. */
    public static void addError(Config result, String key, String message) {
        result.configValues().stream()
                .filter(value -> value.name().equals(key))
                .findFirst()
                .orElseGet(() -> result.configValues().get(0))
                .addErrorMessage(message);
    }

    /** Adds each problem (message keyed by the key to fix) to its key's errors. */
    public static void addErrors(Config result, Map<String, String> problems) {
        problems.forEach((key, message) -> addError(result, key, message));
    }
}
