package org.egov.telemetry.http;

/** Decides whether a request's {@code Authorization} header grants access. Thread-safe. */
interface Authenticator {

    Authenticator NONE = authorization -> true;

    /** @param authorization the header's value, or null when absent */
    boolean allows(String authorization);

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
