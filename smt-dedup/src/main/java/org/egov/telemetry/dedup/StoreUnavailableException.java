package org.egov.telemetry.dedup;

/** The dedup store could not answer whether a key was seen (e.g. Redis is down or too slow). */
final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
