package org.egov.telemetry.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.egov.telemetry.core.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves {@code POST <paths>} and {@code GET /health}. A batch is answered 200 only after Connect has
 * written it to Kafka; the request does not hold a thread while it waits.
 */
final class IngestHandler extends Handler.Abstract {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);
    private static final String JSON = "application/json";
    static final int RETRY_AFTER_SECONDS = 5;

    private final Set<String> paths;
    private final int maxBodyBytes;
    private final long ackTimeoutMs;
    private final IngestQueue queue;

    IngestHandler(HttpSourceConfig config, IngestQueue queue) {
        this.paths = Set.copyOf(config.paths());
        this.maxBodyBytes = config.maxBodyBytes();
        this.ackTimeoutMs = config.ackTimeoutMs();
        this.queue = queue;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            route(request, response, callback);
        } catch (RuntimeException e) {
            log.error("Unexpected failure serving {} {}", request.getMethod(), Request.getPathInContext(request), e);
            error(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "INTERNAL_ERROR", "unexpected server error");
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (HttpMethod.OPTIONS.is(method)) {
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS,
                    "Content-Type, Authorization, x-app-id, x-device-id, x-channel-id, dataType");
            response.setStatus(HttpStatus.NO_CONTENT_204);
            callback.succeeded();
        } else if ("/health".equals(path)) {
            if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
                write(response, callback, HttpStatus.OK_200, ApiResponses.health());
            } else {
                methodNotAllowed(response, callback, "GET, HEAD, OPTIONS");
            }
        } else if (!paths.contains(path)) {
            error(response, callback, HttpStatus.NOT_FOUND_404, "NOT_FOUND", "no such path: " + path);
        } else if (!HttpMethod.POST.is(method)) {
            methodNotAllowed(response, callback, "POST, OPTIONS");
        } else {
            ingest(request, response, callback);
        }
    }

    private void ingest(Request request, Response response, Callback callback) {
        byte[] body;
        try {
            body = readBody(request);
        } catch (BodyTooLargeException e) {
            error(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "BODY_TOO_LARGE",
                    "request body is larger than " + maxBodyBytes + " bytes");
            return;
        } catch (IOException e) {
            error(response, callback, HttpStatus.BAD_REQUEST_400, "UNREADABLE_BODY", "could not read the request body");
            return;
        }
        Map<String, Object> batch;
        try {
            batch = Json.parseObject(body);
        } catch (IOException e) {
            error(response, callback, HttpStatus.BAD_REQUEST_400, "INVALID_JSON",
                    "the request body must be a JSON object");
            return;
        }
        HttpFields headers = request.getHeaders();
        long now = System.currentTimeMillis();
        String mid = BatchStamp.stamp(batch, headers.get(BatchStamp.DEVICE_ID_HEADER),
                headers.get(BatchStamp.CHANNEL_ID_HEADER), headers.get(BatchStamp.APP_ID_HEADER), now);
        String msgid = BatchStamp.msgid(batch, mid);
        BatchRecord record = queue.offer(mid, batch, now);
        if (record == null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "BUSY", "too many batches in flight, retry later");
            return;
        }
        record.written().orTimeout(ackTimeoutMs, TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            if (failure == null) {
                write(response, callback, HttpStatus.OK_200, ApiResponses.success(msgid));
            } else {
                boolean timedOut = failure instanceof TimeoutException;
                log.warn("Batch mid={} not acknowledged: {}", mid, timedOut ? "timed out" : failure.getMessage());
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
                error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
                        timedOut ? "ACK_TIMEOUT" : "UNAVAILABLE", "the batch was not stored, retry later");
            }
        });
    }

    private byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw new BodyTooLargeException();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] chunk = new byte[8192];
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (out.size() + n > maxBodyBytes) {
                    throw new BodyTooLargeException();
                }
                out.write(chunk, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static void methodNotAllowed(Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "METHOD_NOT_ALLOWED", "allowed: " + allow);
    }

    private static void error(Response response, Callback callback, int status, String err, String errmsg) {
        write(response, callback, status, ApiResponses.error(status, err, errmsg));
    }

    private static void write(Response response, Callback callback, int status, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("body too large");
        }
    }
}
