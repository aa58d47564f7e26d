package org.egov.telemetry.validate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How strictly the built-in Telemetry v3 schemas are applied to events.
 */
public enum Profile {

    /**
     * The specification as written: every field it marks required must be present, and {@code edata} may
     * hold only the keys the specification lists for the event's {@code eid}.
     */
    SUNBIRD {
        @Override
        void adapt(ObjectNode eventSchema, ObjectNode edataSchema) {
        }
    },

    /**
     * DIGIT's clients: {@code edata} may carry extra keys ({@code url}, {@code userAgent}, {@code cityId},
     * {@code formKey}, ...), and only {@code eid}, {@code ets}, {@code ver}, {@code mid} and {@code edata}
     * must be present. Every field that is present still has to have the specified type, so events of the
     * Sunbird SDK pass too.
     */
    DIGIT {
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

    /**
     * Adjusts a freshly loaded copy of the shared event schema and of the event's edata schema.
     */
    abstract void adapt(ObjectNode eventSchema, ObjectNode edataSchema);
}
