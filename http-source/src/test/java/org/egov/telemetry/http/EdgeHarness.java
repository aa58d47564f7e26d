package org.egov.telemetry.http;

import org.apache.kafka.connect.source.SourceRecord;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** One task of the HTTP source on a free port, and a client for it. */
final class EdgeHarness implements AutoCloseable {

    final TelemetryHttpSourceTask task = new TelemetryHttpSourceTask();
    final int port;
    private final String scheme;
    private final HttpClient client;

    private EdgeHarness(Map<String, String> overrides, SSLContext trust) {
        port = overrides.containsKey(HttpSourceConfig.PORT)
                ? Integer.parseInt(overrides.get(HttpSourceConfig.PORT)) : freePort();
        Map<String, String> props = new HashMap<>();
        props.put(HttpSourceConfig.TOPIC, "batches");
        props.put(HttpSourceConfig.BIND_ADDRESS, "127.0.0.1");
        props.put(HttpSourceConfig.PORT, Integer.toString(port));
        props.put(HttpSourceConfig.PATHS, "/v1/telemetry,/data/v1/telemetry");
        props.put(HttpSourceConfig.ACK_TIMEOUT_MS, "2000");
        props.putAll(overrides);
        task.start(props);
        scheme = Boolean.parseBoolean(props.get(TlsSettings.ENABLED)) ? "https" : "http";
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (trust != null) {
            builder.sslContext(trust);
        }
        client = builder.build();
    }

    static EdgeHarness start(Map<String, String> overrides) {
        return new EdgeHarness(overrides, null);
    }

    static EdgeHarness startTls(Map<String, String> overrides, SSLContext trust) {
        return new EdgeHarness(overrides, trust);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    CompletableFuture<HttpResponse<String>> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> post(String body, Map<String, String> headers) {
        return post("/v1/telemetry", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** Posts on a connection of its own, so that the kernel may give it to any task sharing the port. */
    CompletableFuture<HttpResponse<String>> postOnNewConnection(String body) {
        HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return fresh.sendAsync(HttpRequest.newBuilder(uri("/v1/telemetry")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    List<SourceRecord> pollUntilRecords() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            List<SourceRecord> records = task.poll();
            if (records != null) {
                return records;
            }
        }
        throw new AssertionError("no record polled");
    }

    /** Polls and confirms every batch, as Connect does once they are written; returns them. */
    List<SourceRecord> pollAndCommit() throws InterruptedException {
        List<SourceRecord> records = pollUntilRecords();
        records.forEach(r -> task.commitRecord(r, null));
        return records;
    }

    @Override
    public void close() {
        task.stop();
    }
}
