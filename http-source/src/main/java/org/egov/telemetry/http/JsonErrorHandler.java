package org.egov.telemetry.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Answers the errors Jetty raises itself (a request it cannot parse, a failure outside the ingest handler, a
 * request during the server's own stop) with the API's JSON error body instead of Jetty's HTML page.
 *
 * <p>A failure inside the server (500) is answered 503 with {@code Retry-After} instead: nothing of the request
 * was acknowledged, so the client's right move is to send it again, and clients that retry do so on 503. Other
 * statuses (a 4xx, 505 for an HTTP version it does not speak) keep their status.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final String retryAfter;

    JsonErrorHandler(int retryAfterSeconds) {
        this.retryAfter = Integer.toString(retryAfterSeconds);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        boolean failure = code == HttpStatus.INTERNAL_SERVER_ERROR_500;
        int status = failure ? HttpStatus.SERVICE_UNAVAILABLE_503 : code;
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, IngestHandler.JSON);
        byte[] body = failure ? ApiResponses.error(status, "UNAVAILABLE", "the server cannot take this request now; retry")
                : body(status, message);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A request the HTTP parser rejected (malformed, headers too large) before any handler saw it. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, IngestHandler.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    /** The API's error body for a status Jetty chose: {@code BAD_REQUEST} for a 4xx, else named after the status. */
    private static byte[] body(int status, String message) {
        String err = status < 500 ? "BAD_REQUEST"
                : HttpStatus.getMessage(status).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return ApiResponses.error(status, err, message == null ? HttpStatus.getMessage(status) : message);
    }
}
