package org.egov.telemetry.it.edge;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Posts batches to the ingest endpoint as the Sunbird SDK does, and records each answer (or failure). */
final class IngestClient {

    /** What a post got: an HTTP answer, or the I/O failure that stood in for one. */
    record Answer(int status, String retryAfter, String connection, String body, IOException failure) {

        boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return failure != null ? "I/O failure: " + failure
                    : status + " (Retry-After " + retryAfter + ", Connection " + connection + ") " + body;
        }
    }

    private final URI endpoint;
    private final HttpClient http;

    IngestClient(URI endpoint) {
        this(endpoint, null);
    }

    IngestClient(URI endpoint, SSLContext trust) {
        this.endpoint = endpoint;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trust != null) {
            builder.sslContext(trust);
        }
        this.http = builder.build();
    }

    URI endpoint() {
        return endpoint;
    }

    Answer post(byte[] body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Connection").orElse(null), response.body(), null);
        } catch (IOException e) {
            return new Answer(-1, null, null, null, e);
        }
    }
}
