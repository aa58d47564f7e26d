package org.egov.telemetry.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;
import org.egov.telemetry.core.ClientHeaders;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Record headers the edge adds about the client, for enrichment further down the pipeline: its address
 * (from the socket, or from {@code X-Forwarded-For} when the socket peer is a trusted proxy) and its
 * {@code User-Agent}.
 */
final class IngestHeaders {

    static final String CLIENT_IP = ClientHeaders.CLIENT_IP;
    static final String USER_AGENT = ClientHeaders.USER_AGENT;

    private final InetAddressSet trustedProxies;

    IngestHeaders(InetAddressSet trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    String clientIp(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(remote instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return null;
        }
        InetAddress peer = socket.getAddress();
        if (trustedProxies.isEmpty() || !trustedProxies.test(peer)) {
            return peer.getHostAddress();
        }
        List<String> forwarded = request.getHeaders().getCSV(HttpHeader.X_FORWARDED_FOR, false);
        // Walk from the nearest hop back: the first address that is not a trusted proxy is the client.
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(forwarded.get(i));
            if (hop == null) {
                break;
            }
            if (!trustedProxies.test(hop)) {
                return hop.getHostAddress();
            }
            peer = hop;
        }
        return peer.getHostAddress();
    }

    static String userAgent(Request request) {
        return request.getHeaders().get(HttpHeader.USER_AGENT);
    }

    /** A literal IPv4/IPv6 address, never a DNS lookup; null when it is not one. */
    private static InetAddress parse(String text) {
        String value = text.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!value.matches("[0-9a-fA-F:.]+") || value.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
