package org.egov.telemetry.validate;

import java.util.List;
import java.util.Map;

/**
 * What event validation decided about one value: it fails ({@link #violation()} is set), or it passes as
 * {@link #value()}, which is the input itself unless a profile coerced fields or marked tolerated violations.
 *
 * @param violation the first thing that makes the value fail, or null when it passes
 * @param value     the value to pass on (null when it fails)
 * @param coerced   JSON pointers of fields whose value was coerced to the specified type
 * @param tolerated violations that did not cost the value, as "pointer: message"
 */
record Verdict(Violation violation, Object value, List<String> coerced, List<String> tolerated) {

    static Verdict fail(Violation violation) {
        return new Verdict(violation, null, List.of(), List.of());
    }

    static Verdict pass(Object value) {
        return new Verdict(null, value, List.of(), List.of());
    }

    /** Passes {@code event}; when anything was coerced or tolerated, the copy passed on carries the marks. */
    static Verdict tolerate(Map<String, Object> event, List<String> coerced, List<String> tolerated) {
        if (coerced.isEmpty() && tolerated.isEmpty()) {
            return pass(event);
        }
        return new Verdict(null, ValidationMarks.tolerated(event, coerced, tolerated), coerced, tolerated);
    }

    boolean passed() {
        return violation == null;
    }
}
