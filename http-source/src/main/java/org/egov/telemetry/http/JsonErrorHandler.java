package org.egov.telemetry.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

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
        String err = failure ? "UNAVAILABLE" : code < 500 ? "BAD_REQUEST" : codeOf(status);
        String text = failure ? "the server cannot take this request now; retry"
                : message == null ? HttpStatus.getMessage(code) : message;
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, IngestHandler.JSON);
        response.write(true, ByteBuffer.wrap(ApiResponses.error(status, err, text)), callback);
    }

    /** {@code HTTP_VERSION_NOT_SUPPORTED} for 505, and so on. */
    private static String codeOf(int status) {
        return HttpStatus.getMessage(status).toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    /** A request the HTTP parser rejected (malformed, headers too large) before any handler saw it. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, IngestHandler.JSON);
        return ByteBuffer.wrap(ApiResponses.error(status, status < 500 ? "BAD_REQUEST" : codeOf(status),
                reason == null ? HttpStatus.getMessage(status) : reason));
    }
}
