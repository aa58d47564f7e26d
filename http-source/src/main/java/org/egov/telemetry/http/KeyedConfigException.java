package org.egov.telemetry.http;

import org.apache.kafka.common.config.ConfigException;

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
}
