package org.egov.telemetry.core;

/**
 * Record headers the HTTP edge adds about the client that posted a batch; the unbundle source carries them to
 * every event, and the enrich SMT reads them.
 */
public final class ClientHeaders {

    /** The client's address: the socket peer, or the first untrusted hop of X-Forwarded-For. */
    public static final String CLIENT_IP = "telemetry.client.ip";
    /** The client's User-Agent request header. */
    public static final String USER_AGENT = "telemetry.client.user.agent";

    private ClientHeaders() {
    }
}
