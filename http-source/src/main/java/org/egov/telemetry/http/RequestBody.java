package org.egov.telemetry.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body: identity, gzip or deflate (zlib) encoded, at most {@code maxBytes} after
 * decompression (a compression bomb stops there), within a deadline (a client trickling its body is cut).
 */
final class RequestBody {

    /** Why a body was refused, with the HTTP status and error code the client gets. */
    static final class Refused extends Exception {
        final int status;
        final String code;

        Refused(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private RequestBody() {
    }

    /** The encoding a request declares: "identity", "gzip" or "deflate". */
    static String encoding(Request request) throws Refused {
        String value = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
        if (value == null || value.isBlank()) {
            return "identity";
        }
        String encoding = value.trim().toLowerCase(Locale.ROOT);
        switch (encoding) {
            case "identity":
                return "identity";
            case "gzip":
            case "x-gzip":
                return "gzip";
            case "deflate":
                return "deflate";
            default:
                throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "UNSUPPORTED_ENCODING",
                        "Content-Encoding must be gzip, deflate or identity");
        }
    }

    /**
     * @param reservation grown before the body outgrows it; when the task's in-flight budget has no room left
     *                    the read stops with 503
     */
    static byte[] read(Request request, String encoding, int maxBytes, long readTimeoutMs,
                       InflightBudget.Reservation reservation) throws Refused {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readTimeoutMs);
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        try (InputStream in = decoder(new DeadlineInputStream(Content.Source.asInputStream(request), deadline),
                encoding)) {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (out.size() + n > maxBytes) {
                    throw new Refused(HttpStatus.PAYLOAD_TOO_LARGE_413, "BODY_TOO_LARGE",
                            "the request body is larger than " + maxBytes + " bytes");
                }
                if (out.size() + n > reservation.bytes()
                        && !reservation.growTo(Math.min(maxBytes, Math.max(out.size() + n, 2 * reservation.bytes())))) {
                    throw new Refused(HttpStatus.SERVICE_UNAVAILABLE_503, "BUSY",
                            "too many bytes in flight, retry later");
                }
                out.write(chunk, 0, n);
                if (System.nanoTime() - deadline > 0) {
                    throw new Refused(HttpStatus.REQUEST_TIMEOUT_408, "READ_TIMEOUT",
                            "the request body was not received within " + readTimeoutMs + " ms");
                }
            }
        } catch (DeadlineInputStream.Expired e) {
            throw new Refused(HttpStatus.REQUEST_TIMEOUT_408, "READ_TIMEOUT",
                    "the request body was not received within " + readTimeoutMs + " ms");
        } catch (EOFException | ZipException e) {
            throw new Refused(HttpStatus.BAD_REQUEST_400, "BAD_ENCODING",
                    "the body is not valid " + encoding + " data");
        } catch (IOException e) {
            if (System.nanoTime() - deadline > 0 || isTimeout(e)) {
                throw new Refused(HttpStatus.REQUEST_TIMEOUT_408, "READ_TIMEOUT",
                        "the request body was not received in time");
            }
            throw new Refused(HttpStatus.BAD_REQUEST_400, "UNREADABLE_BODY", "the request body could not be read");
        }
        return out.toByteArray();
    }

    private static InputStream decoder(InputStream raw, String encoding) throws IOException {
        switch (encoding) {
            case "gzip":
                return new GZIPInputStream(raw, 8192);
            case "deflate":
                return new InflaterInputStream(raw);
            default:
                return raw;
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
