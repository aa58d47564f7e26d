package org.egov.telemetry.core;

import org.apache.kafka.connect.header.Headers;

/**
 * Header names that say why a record was routed to the failed topic. The payload itself is never changed,
 * so the failed topic can be replayed once the cause is fixed.
 */
public final class ErrorHeaders {

    /** Which step rejected the record, e.g. {@code validate-batch}, {@code unbundle}. */
    public static final String STAGE = "telemetry.error.stage";
    /** A human readable reason. */
    public static final String REASON = "telemetry.error.reason";
    /** JSON pointer of the first offending element, when one is known. */
    public static final String PATH = "telemetry.error.path";

    private ErrorHeaders() {
    }

    /** Returns a copy of {@code original} with the three error headers set (replacing earlier ones). */
    public static Headers withError(Headers original, String stage, String reason, String path) {
        Headers headers = original.duplicate();
        headers.remove(STAGE).remove(REASON).remove(PATH);
        headers.addString(STAGE, stage);
        headers.addString(REASON, reason);
        if (path != null) {
            headers.addString(PATH, path);
        }
        return headers;
    }
}
