package org.egov.telemetry.validate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marks on a copy of an event. One that failed validation gets Sunbird's: {@code
 * flags.pp_validation_processed=false}, {@code metadata.validation_error} (the reason) and {@code
 * metadata.src} (the stage). One that passed a lenient profile with coerced fields or tolerated violations
 * gets {@code metadata.coerced_fields} and {@code metadata.validation_warnings}. Existing {@code flags} and
 * {@code metadata} objects are copied and extended; when either is present but not an object, the event is
 * returned without marks.
 */
final class ValidationMarks {

    static final String FLAGS = "flags";
    static final String VALIDATION_FLAG = "pp_validation_processed";
    static final String METADATA = "metadata";
    static final String VALIDATION_ERROR = "validation_error";
    static final String SOURCE = "src";
    static final String COERCED = "coerced_fields";
    static final String WARNINGS = "validation_warnings";

    private ValidationMarks() {
    }

    static Map<String, Object> marked(Map<String, Object> event, String reason, String stage) {
        Object flags = event.get(FLAGS);
        Object metadata = event.get(METADATA);
        if ((flags != null && !(flags instanceof Map)) || (metadata != null && !(metadata instanceof Map))) {
            return event;
        }
        Map<String, Object> copy = new HashMap<>(event);
        Map<String, Object> newFlags = copyOf(flags);
        newFlags.put(VALIDATION_FLAG, false);
        copy.put(FLAGS, newFlags);
        Map<String, Object> newMetadata = copyOf(metadata);
        newMetadata.put(VALIDATION_ERROR, reason);
        newMetadata.put(SOURCE, stage);
        copy.put(METADATA, newMetadata);
        return copy;
    }

    /**
     * @param coerced   JSON pointers of the fields that were coerced (not recorded when empty)
     * @param tolerated the violations that did not cost the event (not recorded when empty)
     */
    static Map<String, Object> tolerated(Map<String, Object> event, List<String> coerced, List<String> tolerated) {
        Object metadata = event.get(METADATA);
        if (metadata != null && !(metadata instanceof Map)) {
            return event;
        }
        Map<String, Object> newMetadata = copyOf(metadata);
        if (!coerced.isEmpty()) {
            newMetadata.put(COERCED, List.copyOf(coerced));
        }
        if (!tolerated.isEmpty()) {
            newMetadata.put(WARNINGS, List.copyOf(tolerated));
        }
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put(METADATA, newMetadata);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyOf(Object map) {
        return map == null ? new HashMap<>() : new HashMap<>((Map<String, Object>) map);
    }
}
