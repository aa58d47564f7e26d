package org.egov.telemetry.dedup;

import org.egov.telemetry.core.FieldPath;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.core.Sha256;
import org.egov.telemetry.core.TelemetryFields;

import java.util.LinkedHashMap;
import java.util.Map;

/** How the identity of a record is derived. Every key starts with its kind, so kinds never collide. */
enum DedupKeys {

    /** {@code params.msgid} when the client sent one, else the batch hash. */
    AUTO {
        @Override
        String keyOf(Map<String, Object> value, FieldPath field) {
            String msgid = MSGID.keyOf(value, field);
            return msgid != null ? msgid : BATCH_HASH.keyOf(value, field);
        }
    },
    /** DIGIT's batch hash: SHA-256 of the batch without the server-set {@code syncts} and {@code mid}. */
    BATCH_HASH {
        @Override
        String keyOf(Map<String, Object> value, FieldPath field) {
            Map<String, Object> content = new LinkedHashMap<>(value);
            content.remove(TelemetryFields.SYNCTS);
            content.remove(TelemetryFields.MID);
            return "sha256:" + Sha256.hex(Json.toCanonicalBytes(content));
        }
    },
    /** Sunbird's {@code params.msgid}. */
    MSGID {
        @Override
        String keyOf(Map<String, Object> value, FieldPath field) {
            Object params = value.get(TelemetryFields.PARAMS);
            if (params instanceof Map<?, ?> map && map.get(TelemetryFields.MSGID) instanceof String msgid
                    && !msgid.isBlank()) {
                return "msgid:" + msgid;
            }
            return null;
        }
    },
    /** The record's {@code mid} (an event's or a batch's). */
    MID {
        @Override
        String keyOf(Map<String, Object> value, FieldPath field) {
            return value.get(TelemetryFields.MID) instanceof String mid && !mid.isBlank() ? "mid:" + mid : null;
        }
    },
    /** The string, number or boolean at a configured field path. */
    FIELD {
        @Override
        String keyOf(Map<String, Object> value, FieldPath field) {
            String found = field.readScalar(value);
            return found == null ? null : "field:" + field + ":" + found;
        }
    };

    /** @return the key, or null when the value lacks what this strategy needs */
    abstract String keyOf(Map<String, Object> value, FieldPath field);
}
