package org.egov.telemetry.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import org.egov.telemetry.core.TelemetryFields;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the {@code digit} profile settles an event's schema violations. DIGIT's own pipeline checked only the
 * batch envelope and indexed every event, so here only what makes an event unusable fails it: a violation at
 * {@code /eid} or {@code /ets}. A string holding a number (or {@code true}/{@code false}) where the schema
 * wants a number, an integer or a boolean is coerced to that type; every other violation is tolerated and
 * recorded on the event (see {@link ValidationMarks#tolerated}).
 */
final class Leniency {

    /** At most this many tolerated violations are recorded on one event; the rest are counted. */
    static final int MAX_RECORDED = 10;

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private Leniency() {
    }

    /**
     * @param event  the event as it came (not changed)
     * @param errors every violation of the event's schema, in the validator's order
     */
    static Verdict settle(Map<String, Object> event, List<Error> errors) {
        Map<String, Object> settled = event;
        List<String> coerced = new ArrayList<>();
        List<String> tolerated = new ArrayList<>();
        int unrecorded = 0;
        for (Error error : errors) {
            List<Object> path = EventSchemas.path(error);
            Violation violation = EventSchemas.violation(error, path);
            Object value = coerced(error);
            if (value != null) {
                settled = withValue(settled, path, 0, value);
                coerced.add(violation.path());
            } else if (unusable(violation.path())) {
                return Verdict.fail(violation);
            } else if (tolerated.size() < MAX_RECORDED) {
                tolerated.add(violation.reason());
            } else {
                unrecorded++;
            }
        }
        if (!(settled.get(TelemetryFields.ETS) instanceof Number ets) || ets.doubleValue() < 0) {
            return Verdict.fail(new Violation("/" + TelemetryFields.ETS, "/ets: must be epoch milliseconds, "
                    + "a number of at least 0"));
        }
        if (unrecorded > 0) {
            tolerated.add("... and " + unrecorded + " more");
        }
        return Verdict.tolerate(settled, coerced, tolerated);
    }

    private static boolean unusable(String pointer) {
        return pointer.equals("/" + TelemetryFields.EID) || pointer.equals("/" + TelemetryFields.ETS);
    }

    /** The value a type violation's string stands for, or null when the violation is not such a case. */
    private static Object coerced(Error error) {
        JsonNode instance = error.getInstanceNode();
        Object[] arguments = error.getArguments();
        if (!"type".equals(error.getKeyword()) || instance == null || !instance.isTextual()
                || arguments == null || arguments.length < 2) {
            return null;
        }
        String expected = String.valueOf(arguments[1]);
        String text = instance.textValue().trim();
        if (expected.contains("integer") || expected.contains("number")) {
            return number(text, !expected.contains("number"));
        }
        if (expected.contains("boolean") && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text);
        }
        return null;
    }

    /** The number {@code text} writes in JSON's syntax: a Long when whole and in range, else a Double. */
    static Number number(String text, boolean wholeOnly) {
        if (!JSON_NUMBER.matcher(text).matches()) {
            return null;
        }
        BigDecimal decimal = new BigDecimal(text);
        try {
            return decimal.longValueExact();
        } catch (ArithmeticException notALong) {
            if (wholeOnly) {
                return null;
            }
            double value = decimal.doubleValue();
            return Double.isFinite(value) ? value : null;
        }
    }

    /** A copy of {@code node} with {@code value} at {@code path}; the containers on the path are copied. */
    @SuppressWarnings("unchecked")
    private static <T> T withValue(T node, List<Object> path, int depth, Object value) {
        if (depth == path.size()) {
            return (T) value;
        }
        Object step = path.get(depth);
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            copy.put(step, withValue(map.get(step), path, depth + 1, value));
            return (T) copy;
        }
        List<Object> copy = new ArrayList<>((List<Object>) node);
        int index = (Integer) step;
        copy.set(index, withValue(copy.get(index), path, depth + 1, value));
        return (T) copy;
    }
}
