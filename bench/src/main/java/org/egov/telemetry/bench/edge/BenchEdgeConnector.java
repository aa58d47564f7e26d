package org.egov.telemetry.bench.edge;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second HTTP source on the local stack's worker for the benchmark: the pipeline's own connector JSON
 * ({@code connectors/telemetry-http-source.json}: same converters, same validate → dedup chain), on its own port
 * and writing to its own topic, so the pipeline's downstream connectors do not compete for the CPU while the
 * edge is measured, the same way nothing reads ProducerPerformance's topic. Removed again by {@link #close()}.
 */
final class BenchEdgeConnector implements AutoCloseable {

    static final String NAME = "bench-edge-http-source";

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI connect;

    private BenchEdgeConnector(URI connect) {
        this.connect = connect;
    }

    @SuppressWarnings("unchecked")
    static BenchEdgeConnector register(URI connect, int port, String topic, Map<String, String> overrides)
            throws IOException, InterruptedException {
        Map<String, Object> file = new ObjectMapper().readValue(Path.of("connectors/telemetry-http-source.json")
                .toFile(), Map.class);
        Map<String, String> config = new LinkedHashMap<>((Map<String, String>) file.get("config"));
        config.put("http.port", Integer.toString(port));
        config.put("http.bind.address", "127.0.0.1");
        config.put("topic", topic);
        config.put("predicates.isBatchTopic.pattern", topic);
        config.putAll(overrides);
        BenchEdgeConnector connector = new BenchEdgeConnector(connect);
        connector.send(HttpRequest.newBuilder(connect.resolve("/connectors/" + NAME + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(config))));
        connector.awaitRunning();
        return connector;
    }

    private void awaitRunning() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(connect.resolve("/connectors/" + NAME
                    + "/status")).build(), HttpResponse.BodyHandlers.ofString());
            status = answer.body();
            if (answer.statusCode() == 200 && status.contains("\"tasks\":[{") && !status.contains("FAILED")
                    && status.replace("\"state\":\"RUNNING\"", "").indexOf("\"state\"") < 0) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(NAME + " did not start running: " + status);
    }

    private void send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("Connect answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(connect.resolve("/connectors/" + NAME)).DELETE());
    }
}
