package org.egov.telemetry.http;

import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.egov.telemetry.core.SerializedJsonObject;
import org.egov.telemetry.core.TelemetryFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves {@code POST <paths>} and {@code GET /health}. Refuses what it cannot parse or must not take, with a
 * JSON error body; hands everything else to Connect and answers 200 only after Connect has written the batch
 * to Kafka. A request holds no thread while it waits for that.
 */
final class IngestHandler extends Handler.Abstract {

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);
    static final String JSON = "application/json";
    private static final byte[] UNAUTHORIZED = "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> MEDIA_TYPES = Set.of("application/json", "text/plain", "application/x-json");

    private final Set<String> paths;
    private final int maxBodyBytes;
    private final long readTimeoutMs;
    private final long ackTimeoutMs;
    private final String retryAfter;
    private final Authenticator authenticator;
    private final IngestHeaders ingestHeaders;
    private final InflightBudget budget;
    private final IngestQueue queue;
    private final IngestMetrics metrics;

    IngestHandler(HttpSourceConfig config, Authenticator authenticator, InflightBudget budget, IngestQueue queue,
                  IngestMetrics metrics) {
        this.paths = Set.copyOf(config.paths());
        this.maxBodyBytes = config.maxBodyBytes();
        this.readTimeoutMs = config.readTimeoutMs();
        this.ackTimeoutMs = config.ackTimeoutMs();
        this.retryAfter = Integer.toString(config.retryAfterSeconds());
        this.authenticator = authenticator;
        this.ingestHeaders = new IngestHeaders(config.trustedProxies());
        this.budget = budget;
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        metrics.request();
        try {
            route(request, response, callback);
        } catch (RuntimeException e) {
            log.error("Unexpected failure serving {} {}", request.getMethod(), Request.getPathInContext(request), e);
            // nothing was acknowledged: a retry is the client's right move, so 503 and not 500
            busy(response, callback, "UNAVAILABLE", "unexpected server error; retry");
        }
        return true;
    }

    private void route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if ("/health".equals(path)) {
            if (!(HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method))) {
                methodNotAllowed(response, callback, "GET, HEAD");
            } else if (queue.isClosed()) {
                // a load balancer's health check takes a stopping listener out before it goes
                closeAfterAnswer(response);
                busy(response, callback, "STOPPING", "the listener is stopping");
            } else {
                write(response, callback, HttpStatus.OK_200, ApiResponses.health());
            }
        } else if (!paths.contains(path)) {
            refuse(response, callback, HttpStatus.NOT_FOUND_404, "NOT_FOUND", "no such path");
        } else if (HttpMethod.OPTIONS.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            response.setStatus(HttpStatus.NO_CONTENT_204);
            callback.succeeded();
        } else if (!HttpMethod.POST.is(method)) {
            methodNotAllowed(response, callback, "POST, OPTIONS");
        } else if (!authenticator.allows(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            metrics.rejected("unauthorized");
            closeAfterAnswer(response);
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
            write(response, callback, HttpStatus.UNAUTHORIZED_401, UNAUTHORIZED);
        } else if (!acceptableMediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE))) {
            closeAfterAnswer(response);
            refuse(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_MEDIA_TYPE",
                    "Content-Type must be application/json");
        } else {
            ingest(request, response, callback);
        }
    }

    private void ingest(Request request, Response response, Callback callback) {
        String encoding;
        try {
            encoding = RequestBody.encoding(request);
        } catch (RequestBody.Refused refused) {
            closeAfterAnswer(response);
            refuse(response, callback, refused.status, refused.code, refused.getMessage());
            return;
        }
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            closeAfterAnswer(response);
            refuse(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "BODY_TOO_LARGE",
                    "the request body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        // Known lengths are reserved whole; a compressed or chunked body grows its reservation as it inflates.
        long initial = "identity".equals(encoding) && declared >= 0 ? declared : Math.min(maxBodyBytes, 64 * 1024);
        InflightBudget.Reservation reservation = queue.isClosed() ? null : budget.tryReserve(initial);
        if (reservation == null) {
            closeAfterAnswer(response);
            busy(response, callback, queue.isClosed() ? "STOPPING" : "BUSY",
                    queue.isClosed() ? "the listener is stopping, retry later" : "too many batches in flight, retry later");
            return;
        }
        boolean handedOver = false;
        try {
            byte[] body = RequestBody.read(request, encoding, maxBodyBytes, readTimeoutMs, reservation);
            reservation.resizeTo(body.length);
            Map<String, Object> batch = BatchBodies.parse(body);
            handedOver = handOver(request, response, callback, batch, body, reservation);
        } catch (RequestBody.Refused refused) {
            closeAfterAnswer(response);
            if (refused.status == HttpStatus.SERVICE_UNAVAILABLE_503) {
                busy(response, callback, refused.code, refused.getMessage());
            } else {
                refuse(response, callback, refused.status, refused.code, refused.getMessage());
            }
        } catch (IOException e) {
            refuse(response, callback, HttpStatus.BAD_REQUEST_400, "INVALID_JSON", "the request body must be a JSON object");
        } finally {
            // once handed over, the reservation is released when the client is answered (see handOver)
            if (!handedOver) {
                reservation.release();
            }
        }
    }

    private boolean handOver(Request request, Response response, Callback callback, Map<String, Object> batch,
                             byte[] body, InflightBudget.Reservation reservation) {
        HttpFields headers = request.getHeaders();
        long now = System.currentTimeMillis();
        Map<String, Object> stamped = BatchStamp.stamp(batch, headers.get(BatchStamp.DEVICE_ID_HEADER),
                headers.get(BatchStamp.CHANNEL_ID_HEADER), headers.get(BatchStamp.APP_ID_HEADER),
                IngestHeaders.userAgent(request), now);
        String mid = (String) stamped.get(TelemetryFields.MID);
        String msgid = BatchStamp.msgid(stamped, mid);
        SerializedJsonObject value = SerializedJsonObject.of(stamped, StampedBytes.of(stamped, batch, body));
        BatchRecord record = queue.offer(mid, value, now, recordHeaders(request));
        if (record == null) {
            busy(response, callback, "STOPPING", "the listener is stopping, retry later");
            return false;
        }
        int eventCount = batch.get(TelemetryFields.EVENTS) instanceof List<?> events ? events.size() : 0;
        int bodyLength = body.length;
        // The reservation is held for as long as the batch is in this task's hands or Connect's: released when
        // Connect confirms it (or the task gives it up), or when it is withdrawn from the queue untouched.
        record.written().whenComplete((ok, failure) -> reservation.release());
        // The answer is written on one of the server's threads: the thread that completes the future is
        // Connect's task thread, which every batch of this task passes through.
        record.written().copy().orTimeout(ackTimeoutMs, TimeUnit.MILLISECONDS).whenCompleteAsync((ok, failure) -> {
            if (failure == null) {
                metrics.accepted(eventCount, bodyLength,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - record.receivedNanos()));
                write(response, callback, HttpStatus.OK_200, ApiResponses.success(msgid));
            } else if (failure instanceof TimeoutException) {
                // Not yet taken by Connect: withdrawn, so the 503 means "not stored". Already taken: it may
                // still be written; the client's resend is then recognised by the dedup SMT.
                boolean withdrawn = queue.withdraw(record);
                if (withdrawn) {
                    reservation.release();
                }
                log.warn("Batch mid={} not confirmed by Kafka within {} ms ({})", mid, ackTimeoutMs,
                        withdrawn ? "withdrawn, not stored" : "handed to Connect, may still be stored");
                busy(response, callback, "ACK_TIMEOUT", "the batch was not confirmed as stored, send it again later");
            } else if (cause(failure) instanceof BatchRecord.Abandoned) {
                busy(response, callback, "STOPPING", "the batch was not confirmed as stored before the listener "
                        + "stopped, send it again later");
            } else {
                busy(response, callback, "UNAVAILABLE", "the batch was not stored, send it again later");
            }
        }, request.getComponents().getExecutor());
        return true;
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private Headers recordHeaders(Request request) {
        Headers headers = new ConnectHeaders();
        String ip = ingestHeaders.clientIp(request);
        if (ip != null) {
            headers.addString(IngestHeaders.CLIENT_IP, ip);
        }
        String userAgent = IngestHeaders.userAgent(request);
        if (userAgent != null) {
            headers.addString(IngestHeaders.USER_AGENT, userAgent);
        }
        return headers;
    }

    private static boolean acceptableMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = MimeTypes.getContentTypeWithoutCharset(contentType).trim().toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.contains(type) || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * For answers given before the body was read in full: the connection cannot be reused, and saying so lets
     * the client open a new one instead of finding this one closed under its next request.
     */
    private static void closeAfterAnswer(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    private void busy(Response response, Callback callback, String code, String message) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, retryAfter);
        refuse(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, code, message);
    }

    private void methodNotAllowed(Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        refuse(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "METHOD_NOT_ALLOWED", "allowed: " + allow);
    }

    private void refuse(Response response, Callback callback, int status, String code, String message) {
        metrics.rejected(code.toLowerCase(Locale.ROOT).replace('_', '-'));
        write(response, callback, status, ApiResponses.error(status, code, message));
    }

    private void write(Response response, Callback callback, int status, byte[] body) {
        if (queue.isClosed()) {
            // The listener is going away, and stops as soon as the last batch it holds is answered: a client
            // that reused this connection could find it closed under its next request, which it cannot tell
            // from a lost answer. Every answer of a stopping listener closes its connection, 200s included.
            closeAfterAnswer(response);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
