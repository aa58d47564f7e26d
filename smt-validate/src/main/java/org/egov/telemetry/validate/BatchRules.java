package org.egov.telemetry.validate;

import org.egov.telemetry.core.TelemetryFields;

import java.util.List;
import java.util.Map;

/**
 * DIGIT's envelope rules, plus Sunbird's {@code params.msgid}. Only the envelope: whatever is wrong inside
 * one element of {@code events} is decided per event after unbundling, so it never costs its batch-mates.
 */
final class BatchRules {

    private BatchRules() {
    }

    /** @return the first violation, or null when the envelope is valid */
    static Violation check(Map<String, Object> batch) {
        Violation v = nonEmptyString(batch, TelemetryFields.ID);
        if (v == null) {
            v = nonEmptyString(batch, TelemetryFields.VER);
        }
        if (v == null) {
            v = number(batch, TelemetryFields.ETS);
        }
        if (v == null) {
            v = events(batch.get(TelemetryFields.EVENTS));
        }
        if (v == null) {
            v = nonEmptyString(batch, TelemetryFields.MID);
        }
        if (v == null) {
            v = number(batch, TelemetryFields.SYNCTS);
        }
        if (v == null) {
            v = params(batch.get(TelemetryFields.PARAMS));
        }
        return v;
    }

    private static Violation nonEmptyString(Map<String, Object> batch, String field) {
        Object value = batch.get(field);
        if (value == null) {
            return missing(field);
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return new Violation("/" + field, "'" + field + "' must be a non-empty string");
        }
        return null;
    }

    private static Violation number(Map<String, Object> batch, String field) {
        Object value = batch.get(field);
        if (value == null) {
            return missing(field);
        }
        if (!(value instanceof Number)) {
            return new Violation("/" + field, "'" + field + "' must be a number (epoch milliseconds)");
        }
        return null;
    }

    private static Violation events(Object events) {
        if (events == null) {
            return missing(TelemetryFields.EVENTS);
        }
        if (!(events instanceof List<?> list)) {
            return new Violation("/events", "'events' must be an array");
        }
        if (list.isEmpty()) {
            return new Violation("/events", "'events' must not be empty");
        }
        return null;
    }

    private static Violation params(Object params) {
        if (params == null) {
            return null;
        }
        if (!(params instanceof Map<?, ?> map)) {
            return new Violation("/params", "'params' must be an object");
        }
        Object msgid = map.get(TelemetryFields.MSGID);
        if (msgid != null && (!(msgid instanceof String text) || text.isBlank())) {
            return new Violation("/params/msgid", "'params.msgid' must be a non-empty string");
        }
        return null;
    }

    private static Violation missing(String field) {
        return new Violation("/" + field, "required field '" + field + "' is missing");
    }
}
