package org.egov.telemetry.it.hostile;

import org.egov.telemetry.it.hostile.HostileCorpus.Send;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request on a fresh TCP connection, written byte for byte as the corpus holds it (however broken), and
 * the first final answer read back. A writer thread sends while the caller's thread reads, so a server that
 * answers before it has read everything (413, 401, 431) is heard even while the body is still going out.
 * Every read is bounded: a server that never answers gives status 0 once the limit has passed.
 */
final class RawExchange {

    static final long TRICKLE_INTERVAL_MS = 250;
    private static final int READ_POLL_MS = 200;
    private static final int WRITE_SLICE = 16 * 1024;

    /** What came back: status 0 when no status line did. */
    record Answer(int status, String statusLine, Map<String, String> headers, byte[] body, long millis,
                  String problem) {

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawExchange() {
    }

    static Answer exchange(int port, byte[] request, Send send, boolean headRequest, Duration limit)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        Socket socket = new Socket();
        Thread writer = null;
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(READ_POLL_MS);
            socket.setTcpNoDelay(true);
            AtomicBoolean answered = new AtomicBoolean();
            writer = new Thread(() -> write(socket, request, send, answered), "hostile-writer");
            writer.setDaemon(true);
            writer.start();
            try {
                return read(socket.getInputStream(), headRequest, started, deadline, limit);
            } finally {
                answered.set(true);
                writer.interrupt();
            }
        } finally {
            socket.close(); // also ends a write the server no longer reads
            if (writer != null) {
                writer.join(TimeUnit.SECONDS.toMillis(5));
            }
        }
    }

    private static void write(Socket socket, byte[] request, Send send, AtomicBoolean answered) {
        try {
            OutputStream out = socket.getOutputStream();
            switch (send) {
                case WHOLE, HALF_CLOSE -> {
                    for (int off = 0; off < request.length && !answered.get(); off += WRITE_SLICE) {
                        out.write(request, off, Math.min(WRITE_SLICE, request.length - off));
                    }
                    out.flush();
                    if (send == Send.HALF_CLOSE) {
                        socket.shutdownOutput();
                    }
                }
                case TRICKLE -> {
                    int head = headLength(request);
                    out.write(request, 0, head);
                    out.flush();
                    trickle(out, request, head, answered);
                }
                case TRICKLE_HEAD -> trickle(out, request, 0, answered);
                default -> throw new IllegalStateException(send.toString());
            }
        } catch (IOException | InterruptedException e) {
            // the server closed the connection or the answer is in: nothing more to send
        }
    }

    private static void trickle(OutputStream out, byte[] request, int from, AtomicBoolean answered)
            throws IOException, InterruptedException {
        for (int i = from; i < request.length && !answered.get(); i++) {
            Thread.sleep(TRICKLE_INTERVAL_MS);
            out.write(request[i]);
            out.flush();
        }
    }

    /** Length of the request line and headers, blank line included (the whole request if there is none). */
    static int headLength(byte[] request) {
        for (int i = 0; i + 3 < request.length; i++) {
            if (request[i] == '\r' && request[i + 1] == '\n' && request[i + 2] == '\r' && request[i + 3] == '\n') {
                return i + 4;
            }
        }
        return request.length;
    }

    private static Answer read(InputStream in, boolean headRequest, long started, long deadline, Duration limit) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        String problem = null;
        boolean eof = false;
        while (true) {
            Answer complete = parse(received.toByteArray(), headRequest, false, started, null);
            if (complete != null) {
                return complete;
            }
            if (System.nanoTime() - deadline > 0) {
                problem = "no complete answer within " + limit.toMillis() + " ms";
                break;
            }
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                problem = "connection failed: " + e.getMessage();
                break;
            }
            if (n < 0) {
                eof = true;
                break;
            }
            received.write(chunk, 0, n);
        }
        Answer partial = parse(received.toByteArray(), headRequest, true, started, problem);
        if (partial != null) {
            return partial;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String why = problem != null ? problem
                : eof ? "connection closed without an answer after " + received.size() + " bytes" : "no answer";
        return new Answer(0, "", Map.of(), new byte[0], millis, why);
    }

    /**
     * Parses the first final (non-1xx) answer in {@code data}. Returns null while it is incomplete, unless
     * {@code atEnd}: then whatever arrived is the answer, as long as it has a status line.
     */
    private static Answer parse(byte[] data, boolean headRequest, boolean atEnd, long started, String problem) {
        int from = 0;
        while (true) {
            int lineEnd = indexOf(data, from, "\r\n");
            if (lineEnd < 0) {
                return atEnd ? statusOnly(data, from, data.length, started, problem) : null;
            }
            int headEnd = indexOf(data, from, "\r\n\r\n");
            if (headEnd < 0) {
                return atEnd ? statusOnly(data, from, lineEnd, started, problem) : null;
            }
            String statusLine = new String(data, from, lineEnd - from, StandardCharsets.ISO_8859_1);
            int status = statusCode(statusLine);
            if (status >= 100 && status < 200) {
                from = headEnd + 4;
                continue;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String field : new String(data, lineEnd + 2, headEnd - lineEnd - 2, StandardCharsets.ISO_8859_1)
                    .split("\r\n")) {
                int colon = field.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(field.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            field.substring(colon + 1).trim());
                }
            }
            int bodyStart = headEnd + 4;
            byte[] rest = Arrays.copyOfRange(data, bodyStart, data.length);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (headRequest || status == 204 || status == 304) {
                return new Answer(status, statusLine, headers, new byte[0], millis, problem);
            }
            String length = headers.get("content-length");
            if (length != null) {
                int n = Integer.parseInt(length.trim());
                if (rest.length >= n) {
                    return new Answer(status, statusLine, headers, Arrays.copyOf(rest, n), millis, problem);
                }
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                if (indexOf(rest, 0, "0\r\n\r\n") >= 0) {
                    return new Answer(status, statusLine, headers, rest, millis, problem);
                }
            }
            return atEnd ? new Answer(status, statusLine, headers, rest, millis, problem) : null;
        }
    }

    private static Answer statusOnly(byte[] data, int from, int to, long started, String problem) {
        String line = new String(data, from, Math.max(0, to - from), StandardCharsets.ISO_8859_1);
        int status = statusCode(line);
        if (status == 0) {
            return null;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return new Answer(status, line, Map.of(), new byte[0], millis, problem);
    }

    private static int statusCode(String statusLine) {
        // HTTP/1.1 413 Payload Too Large
        if (!statusLine.startsWith("HTTP/") || statusLine.length() < 12) {
            return 0;
        }
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int indexOf(byte[] data, int from, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = Math.max(0, from); i + n.length <= data.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (data[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
