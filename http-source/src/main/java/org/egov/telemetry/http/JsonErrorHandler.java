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
 * <p>A server-side failure is answered 503 with {@code Retry-After}, never 500: nothing of the request was
 * acknowledged, so the client's right move is to send it again, and clients that retry do so on 503.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final String retryAfter;

    JsonErrorHandler(int retryAfterSeconds) {
        this.retryAfter = Integer.toString(retryAfterSeconds);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        int status = code >= 500 ? HttpStatus.SERVICE_UNAVAILABLE_503 : code;
        String err = code >= 500 ? "UNAVAILABLE" : "BAD_REQUEST";
        String text = code >= 500 ? "the server cannot take this request now; retry"
                : message == null ? HttpStatus.getMessage(code) : message;
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, IngestHandler.JSON);
        response.write(true, ByteBuffer.wrap(ApiResponses.error(status, err, text)), callback);
    }

    /** A request the HTTP parser rejected (malformed, headers too large) before any handler saw it. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, IngestHandler.JSON);
        return ByteBuffer.wrap(ApiResponses.error(status, "BAD_REQUEST",
                reason == null ? HttpStatus.getMessage(status) : reason));
    }
}
