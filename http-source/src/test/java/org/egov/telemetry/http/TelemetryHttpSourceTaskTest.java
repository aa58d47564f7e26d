package org.egov.telemetry.http;

import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.egov.telemetry.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryHttpSourceTaskTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private TelemetryHttpSourceTask task;
    private int port;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        task = new TelemetryHttpSourceTask();
        task.start(Map.of(
                HttpSourceConfig.TOPIC, "batches",
                HttpSourceConfig.BIND_ADDRESS, "127.0.0.1",
                HttpSourceConfig.PORT, Integer.toString(port),
                HttpSourceConfig.PATHS, "/v1/telemetry,/data/v1/telemetry",
                HttpSourceConfig.ACK_TIMEOUT_MS, "2000"));
    }

    @AfterEach
    void stop() {
        task.stop();
    }

    @Test
    void batchIsAnsweredOnlyAfterConnectCommitsIt() throws Exception {
        CompletableFuture<HttpResponse<String>> response = post("/v1/telemetry",
                "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"m-1\"},\"ets\":1,\"events\":[{\"eid\":\"START\"}]}",
                Map.of("x-device-id", "dev-1", "x-channel-id", "pb.amritsar", "x-app-id", "digit-ui"));

        List<SourceRecord> records = pollUntilRecords();
        assertThat(records).hasSize(1);
        Thread.sleep(200);
        assertThat(response).isNotDone();

        SourceRecord record = records.get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> batch = (Map<String, Object>) record.value();
        assertThat(record.topic()).isEqualTo("batches");
        assertThat(batch).containsEntry("did", "dev-1").containsEntry("channel", "pb.amritsar").containsEntry("pid", "digit-ui");
        assertThat(batch.get("mid")).isInstanceOf(String.class).isEqualTo(record.key());
        assertThat(batch.get("syncts")).isInstanceOf(Long.class);

        task.commitRecord(record, null);
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> body = Json.parseObject(answer.body());
        assertThat(body).containsEntry("id", "api.telemetry").containsEntry("responseCode", "SUCCESS");
        assertThat(params(body)).containsEntry("msgid", "m-1").containsEntry("status", "successful");
    }

    @Test
    void clientMidIsKeptAndAliasPathAccepted() throws Exception {
        CompletableFuture<HttpResponse<String>> response = post("/data/v1/telemetry",
                "{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"mid\":\"batch-7\",\"ets\":1,\"events\":[]}", Map.of());
        SourceRecord record = pollUntilRecords().get(0);
        assertThat(record.key()).isEqualTo("batch-7");
        task.commitRecord(record, null);
        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void unparseableBodyIsRefusedWithJsonError() throws Exception {
        HttpResponse<String> answer = post("/v1/telemetry", "{not json", Map.of()).get();
        assertThat(answer.statusCode()).isEqualTo(400);
        Map<String, Object> body = Json.parseObject(answer.body());
        assertThat(body).containsEntry("responseCode", "CLIENT_ERROR");
        assertThat(params(body)).containsEntry("err", "INVALID_JSON");
        assertThat(task.poll()).isNull();
    }

    @Test
    void arrayBodyIsRefused() throws Exception {
        assertThat(post("/v1/telemetry", "[1,2]", Map.of()).get().statusCode()).isEqualTo(400);
    }

    @Test
    void unacknowledgedBatchTimesOutWith503() throws Exception {
        CompletableFuture<HttpResponse<String>> response = post("/v1/telemetry", "{\"events\":[]}", Map.of());
        pollUntilRecords();
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void healthAndUnknownPaths() throws Exception {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(uri("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(post("/elsewhere", "{}", Map.of()).get().statusCode()).isEqualTo(404);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri("/v1/telemetry")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(HttpSourceConfig.CONFIG_DEF)).isEmpty();
    }

    private List<SourceRecord> pollUntilRecords() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            List<SourceRecord> records = task.poll();
            if (records != null) {
                return records;
            }
        }
        throw new AssertionError("no record polled");
    }

    private CompletableFuture<HttpResponse<String>> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> body) {
        return (Map<String, Object>) body.get("params");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
