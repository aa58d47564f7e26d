package org.egov.telemetry.http;

import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.egov.telemetry.core.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryHttpSourceTaskTest {

    private EdgeHarness edge = EdgeHarness.start(Map.of());

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void batchIsAnsweredOnlyAfterConnectCommitsIt() throws Exception {
        CompletableFuture<HttpResponse<String>> response = edge.post(
                "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"m-1\"},\"ets\":1,\"events\":[{\"eid\":\"START\"}]}",
                Map.of("x-device-id", "dev-1", "x-channel-id", "pb.amritsar", "x-app-id", "digit-ui",
                        "User-Agent", "Mozilla/5.0 test"));

        List<SourceRecord> records = edge.pollUntilRecords();
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
        assertThat(record.headers().lastWithName(IngestHeaders.CLIENT_IP).value()).isEqualTo("127.0.0.1");
        assertThat(record.headers().lastWithName(IngestHeaders.USER_AGENT).value()).isEqualTo("Mozilla/5.0 test");

        edge.task.commitRecord(record, null);
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> body = Json.parseObject(answer.body());
        assertThat(body).containsEntry("id", "api.telemetry").containsEntry("responseCode", "SUCCESS");
        assertThat(params(body)).containsEntry("msgid", "m-1").containsEntry("status", "successful");
    }

    @Test
    void clientMidIsKeptAndAliasPathAccepted() throws Exception {
        CompletableFuture<HttpResponse<String>> response = edge.post("/data/v1/telemetry",
                "{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"mid\":\"batch-7\",\"ets\":1,\"events\":[]}".getBytes(), Map.of());
        SourceRecord record = edge.pollAndCommit().get(0);
        assertThat(record.key()).isEqualTo("batch-7");
        assertThat(response.get().statusCode()).isEqualTo(200);
    }

    @Test
    void equalBatchesEachGetTheirOwnAnswer() throws Exception {
        String same = "{\"mid\":\"same\",\"events\":[]}";
        CompletableFuture<HttpResponse<String>> first = edge.post(same, Map.of());
        CompletableFuture<HttpResponse<String>> second = edge.post(same, Map.of());
        int polled = 0;
        while (polled < 2) {
            polled += edge.pollAndCommit().size();
        }
        assertThat(first.get().statusCode()).isEqualTo(200);
        assertThat(second.get().statusCode()).isEqualTo(200);
    }

    @Test
    void unparseableBodyIsRefusedWithJsonError() throws Exception {
        HttpResponse<String> answer = edge.post("{not json", Map.of()).get();
        assertThat(answer.statusCode()).isEqualTo(400);
        Map<String, Object> body = Json.parseObject(answer.body());
        assertThat(body).containsEntry("responseCode", "CLIENT_ERROR");
        assertThat(params(body)).containsEntry("err", "INVALID_JSON").containsKey("errmsg");
        assertThat(edge.task.poll()).isNull();
    }

    @Test
    void nonObjectBodiesAreRefused() throws Exception {
        for (String body : List.of("[1,2]", "42", "\"text\"", "null", "", "{\"a\":1} trailing")) {
            assertThat(edge.post(body, Map.of()).get().statusCode()).as(body).isEqualTo(400);
        }
    }

    @Test
    void unacknowledgedBatchTimesOutWith503AndRetryAfter() throws Exception {
        CompletableFuture<HttpResponse<String>> response = edge.post("{\"events\":[]}", Map.of());
        edge.pollUntilRecords();
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(params(Json.parseObject(answer.body()))).containsEntry("err", "ACK_TIMEOUT");
    }

    @Test
    void batchConnectHasNotTakenIsWithdrawnWhenItsAnswerTimesOut() throws Exception {
        edge.close();
        edge = EdgeHarness.start(Map.of(HttpSourceConfig.MAX_INFLIGHT_BATCHES, "1"));
        HttpResponse<String> first = edge.post("{\"events\":[]}", Map.of()).get();
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(edge.task.poll()).as("withdrawn, never handed to Connect").isNull();
        CompletableFuture<HttpResponse<String>> second = edge.post("{\"events\":[]}", Map.of());
        edge.pollAndCommit();
        assertThat(second.get().statusCode()).as("the budget was given back").isEqualTo(200);
    }

    @Test
    void batchConnectTookKeepsItsBudgetUntilConfirmedEvenAfterItsAnswerTimedOut() throws Exception {
        edge.close();
        edge = EdgeHarness.start(Map.of(HttpSourceConfig.MAX_INFLIGHT_BATCHES, "1"));
        CompletableFuture<HttpResponse<String>> first = edge.post("{\"events\":[]}", Map.of());
        SourceRecord taken = edge.pollUntilRecords().get(0);
        assertThat(first.get().statusCode()).isEqualTo(503);
        HttpResponse<String> refused = edge.post("{\"events\":[]}", Map.of()).get();
        assertThat(params(Json.parseObject(refused.body()))).containsEntry("err", "BUSY");
        edge.task.commitRecord(taken, null);
        CompletableFuture<HttpResponse<String>> third = edge.post("{\"events\":[]}", Map.of());
        edge.pollAndCommit();
        assertThat(third.get().statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndUnknownPathsAndMethods() throws Exception {
        HttpResponse<String> health = edge.send(HttpRequest.newBuilder(edge.uri("/health")).GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(edge.post("/elsewhere", "{}".getBytes(), Map.of()).get().statusCode()).isEqualTo(404);
        HttpResponse<String> get = edge.send(HttpRequest.newBuilder(edge.uri("/v1/telemetry")).GET());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        HttpResponse<String> delete = edge.send(HttpRequest.newBuilder(edge.uri("/v1/telemetry")).DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void stoppingAnswersQueuedBatches503() throws Exception {
        CompletableFuture<HttpResponse<String>> response = edge.post("{\"events\":[]}", Map.of());
        Thread.sleep(300);
        edge.task.stop();
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("connection")).as("a stopping listener's connection is not reused")
                .hasValue("close");
        assertThat(edge.task.poll()).isNull();
    }

    /** A load balancer's health check on an open connection sees a stopping listener as down. */
    @Test
    void healthIs503WhileTheListenerStops() throws Exception {
        try (Socket check = new Socket("127.0.0.1", edge.port)) {
            check.setSoTimeout(10_000);
            assertThat(health(check)).startsWith("HTTP/1.1 200 ");

            CompletableFuture<HttpResponse<String>> inflight = edge.post("{\"events\":[]}", Map.of());
            List<SourceRecord> taken = edge.pollUntilRecords();     // taken by Connect, not yet written
            edge.task.stop();
            String stopping = health(check);
            assertThat(stopping).startsWith("HTTP/1.1 503 ").contains("Retry-After", "\"err\":\"STOPPING\"");

            taken.forEach(r -> edge.task.commitRecord(r, null));
            assertThat(inflight.get().statusCode()).isEqualTo(200);
        }
    }

    /**
     * A batch Kafka confirms while the listener stops is answered 200 with {@code Connection: close}: the listener
     * stops right after its last batch is answered, and a client reusing that connection would be cut.
     */
    @Test
    void batchConfirmedDuringTheStopClosesItsConnection() throws Exception {
        CompletableFuture<HttpResponse<String>> inflight = edge.post("{\"events\":[]}", Map.of());
        List<SourceRecord> taken = edge.pollUntilRecords();
        edge.task.stop();
        taken.forEach(r -> edge.task.commitRecord(r, null));
        HttpResponse<String> answer = inflight.get();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Connection")).hasValue("close");
    }

    /**
     * A client whose keep-alive connection was idle when the stop began, and which sends on it right after, is
     * answered 503 with {@code Connection: close} instead of finding the connection cut under its request.
     */
    @Test
    void connectionIdleAtTheStopIsAnsweredOnceMoreBeforeItCloses() throws Exception {
        try (Socket client = new Socket("127.0.0.1", edge.port)) {
            client.setSoTimeout(10_000);
            assertThat(health(client)).startsWith("HTTP/1.1 200 ");
            edge.task.stop();
            Thread.sleep(200);
            assertThat(health(client)).startsWith("HTTP/1.1 503 ").containsIgnoringCase("Connection: close");
        }
    }

    /** With Kafka gone, the worker abandons a stopping task after its graceful timeout; the client hears first. */
    @Test
    void batchConnectTookButKafkaNeverConfirmsIsAnswered503WithinTheStopTimeout() throws Exception {
        edge.close();
        edge = EdgeHarness.start(Map.of(HttpSourceConfig.ACK_TIMEOUT_MS, "60000", HttpSourceConfig.STOP_TIMEOUT_MS, "500"));
        CompletableFuture<HttpResponse<String>> inflight = edge.post("{\"events\":[]}", Map.of());
        edge.pollUntilRecords();                                    // taken by Connect, never confirmed
        long stoppedAt = System.nanoTime();
        edge.task.stop();
        HttpResponse<String> answer = inflight.get(10, java.util.concurrent.TimeUnit.SECONDS);
        long waitedMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(params(Json.parseObject(answer.body()))).containsEntry("err", "STOPPING");
        assertThat(waitedMs).as("answered after stop.timeout.ms, not ack.timeout.ms").isBetween(400L, 9_000L);
    }

    private static String health(Socket socket) throws IOException {
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(HttpSourceConfig.CONFIG_DEF)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> params(Map<String, Object> body) {
        return (Map<String, Object>) body.get("params");
    }
}
