package org.egov.telemetry.validate;

import java.util.HashMap;
import java.util.Map;

/**
 * Sunbird's marks on an event that failed validation, added to a copy of the event: {@code
 * flags.pp_validation_processed=false}, {@code metadata.validation_error} (the reason) and {@code
 * metadata.src} (the stage). Existing {@code flags} and {@code metadata} objects are copied and extended;
 * when either is present but not an object, the event is returned as it is.
 */
final class ValidationMarks {

    static final String FLAGS = "flags";
    static final String VALIDATION_FLAG = "pp_validation_processed";
    static final String METADATA = "metadata";
    static final String VALIDATION_ERROR = "validation_error";
    static final String SOURCE = "src";

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copyOf(Object map) {
        return map == null ? new HashMap<>() : new HashMap<>((Map<String, Object>) map);
    }
}
