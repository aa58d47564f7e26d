package org.egov.telemetry.http;

import org.apache.kafka.common.config.ConfigException;

import java.util.Map;

/**
 * A {@link ConfigException} that also carries the key to fix, so that {@code validate()} can pin the error to
 * that key without reading the message.
 */
final class KeyedConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String key;

    KeyedConfigException(String key, Object value, String message) {
        super(key, value, message);
        this.key = key;
    }

    String key() {
        return key;
    }

    /**
     * Runs a check and adds what it throws to {@code problems}: under the key it names, or else {@code groupKey}.
     */
    static void collect(Map<String, String> problems, String groupKey, Runnable check) {
        try {
            check.run();
        } catch (KeyedConfigException e) {
            problems.put(e.key(), e.getMessage());
        } catch (ConfigException e) {
            problems.put(groupKey, e.getMessage());
        }
    }
}
