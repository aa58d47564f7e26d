package org.egov.telemetry.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How strictly the built-in Telemetry v3 schemas are applied to events.
 */
public enum Profile {

    /**
     * The specification as written: every field it marks required must be present, and {@code edata} may
     * hold only the keys the specification lists for the event's {@code eid}. The first violation fails the
     * event.
     */
    SUNBIRD(false) {
        @Override
        void adapt(ObjectNode eventSchema, ObjectNode edataSchema) {
        }
    },

    /**
     * DIGIT's clients, whose events DIGIT's own pipeline indexed after checking only the batch envelope:
     * {@code edata} may carry extra keys ({@code url}, {@code userAgent}, {@code cityId}, {@code formKey}, ...)
     * and only {@code eid} and {@code ets} must be usable. Numbers and booleans sent as strings are coerced;
     * any other violation is tolerated and recorded on the event ({@link Leniency}).
     */
    DIGIT(true) {
        @Override
        void adapt(ObjectNode eventSchema, ObjectNode edataSchema) {
            ArrayNode required = eventSchema.putArray("required");
            for (String field : DIGIT_REQUIRED) {
                required.add(field);
            }
            edataSchema.remove("additionalProperties");
            edataSchema.remove("required");
        }
    };

    private static final String[] DIGIT_REQUIRED = {"eid", "ets", "ver", "mid", "edata"};

    private final boolean lenient;

    Profile(boolean lenient) {
        this.lenient = lenient;
    }

    /** Whether violations other than an unusable eid or ets let the event pass (see {@link Leniency}). */
    boolean lenient() {
        return lenient;
    }

    /**
     * Adjusts a freshly loaded copy of the shared event schema and of the event's edata schema.
     */
    abstract void adapt(ObjectNode eventSchema, ObjectNode edataSchema);
}
