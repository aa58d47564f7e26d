package org.egov.telemetry.s3.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Validators shared by the config fragments; each {@code toString()} reads as the allowed values. */
public final class Validators {

    private Validators() {
    }

    static ConfigDef.Validator httpUrlOrEmpty() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String url = value == null ? "" : value.toString().trim();
            if (url.isEmpty()) {
                return;
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme();
                if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || uri.getHost() == null) {
                    throw new ConfigException(name, value, "must be an http:// or https:// URL with a host");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(name, value, "is not a URL: " + e.getMessage());
            }
        }, () -> "empty, or an http(s) URL");
    }

    static ConfigDef.Validator anyBoolean() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (!(value instanceof Boolean)) {
                throw new ConfigException(name, value, "must be true or false");
            }
        }, () -> "[true, false]");
    }

    static ConfigDef.Validator anyPassword() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (!(value instanceof Password)) {
                throw new ConfigException(name, "[hidden]", "must be a string");
            }
        }, () -> "any string, may be empty");
    }

    public static ConfigDef.Validator keyPrefix() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String dir = value == null ? "" : value.toString().trim();
            if (dir.startsWith("/") || dir.endsWith("/") || dir.contains("//")) {
                throw new ConfigException(name, value, "must not start or end with '/' nor contain '//'");
            }
            noControlChars().ensureValid(name, dir);
        }, () -> "a key prefix without leading or trailing '/', may be empty");
    }

    public static ConfigDef.Validator noControlChars() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            String text = value == null ? "" : value.toString();
            if (text.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(name, value, "must not contain control characters");
            }
        }, () -> "any string without control characters, may be empty");
    }

    public static ConfigDef.Validator zoneId() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            try {
                ZoneId.of(value == null ? "" : value.toString().trim());
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "is not a time zone id: " + e.getMessage());
            }
        }, () -> "a time zone id such as UTC or Asia/Kolkata");
    }

    static ConfigDef.Validator disabledOrPositive() {
        return ConfigDef.LambdaValidator.with((name, value) -> {
            if (!(value instanceof Number number) || number.longValue() != -1L && number.longValue() < 1L) {
                throw new ConfigException(name, value, "must be -1 (off) or at least 1");
            }
        }, () -> "-1 (off), or [1,...]");
    }
}
