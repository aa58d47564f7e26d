package org.egov.telemetry.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.support.ObjectStore;
import org.egov.telemetry.it.support.SearchNode;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole chain on real servers with the connector JSON of {@code connectors/}: HTTP → validate/dedup →
 * batch topic → S3 archive, and → unbundle/enrich → event topic → search index.
 */
class PipelineIT {

    private static final Pattern ARCHIVE_KEY = Pattern.compile(
            "topics/telemetry-deduped-messages/dt=(\\d{4}-\\d{2}-\\d{2})/telemetry-deduped-messages\\+0\\+\\d{10}\\.json\\.gz");

    private static TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startStack() {
        stack = TestStack.shared();
    }

    @Test
    void batchesAreArchivedOnceAndTheirEventsIndexedByMid() throws Exception {
        String digit = sample("digit-batch.json");
        String sunbird = sample("sunbird-batch.json");

        HttpResponse<String> first = post(digit, Map.of("x-device-id", "device-" + run,
                "x-channel-id", "pb.amritsar", "x-app-id", "egov.digit.ui"));
        assertSunbirdSuccess(first, null);
        assertSunbirdSuccess(post(sunbird, Map.of("x-device-id", "did-" + run)), "msg-" + run);
        // The same batches again, as a client retrying after a lost answer would send them.
        assertSunbirdSuccess(post(digit, Map.of("x-device-id", "device-" + run,
                "x-channel-id", "pb.amritsar", "x-app-id", "egov.digit.ui")), null);
        assertSunbirdSuccess(post(sunbird, Map.of("x-device-id", "did-" + run)), "msg-" + run);

        SearchNode search = stack.search();
        List<String> mids = List.of("START:" + run + "-digit-1", "SUMMARY:" + run + "-digit-2",
                "END:" + run + "-digit-3", "START:" + run + "-sunbird-1", "END:" + run + "-sunbird-2");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            search.refresh(TestStack.INDEX);
            for (String mid : mids) {
                assertThat(search.get(TestStack.INDEX, mid)).as("document %s", mid).containsEntry("found", true);
            }
        });
        Map<String, Object> start = source(search.get(TestStack.INDEX, mids.get(0)));
        assertThat(start).containsEntry("mid", mids.get(0)).containsEntry("eid", "START")
                .containsEntry("@timestamp", "2025-11-28T03:20:00.000Z");
        assertThat(start.get("syncts")).isInstanceOf(Number.class);
        assertThat(mapAt(start, "edata")).containsEntry("cityId", "pb.amritsar");

        List<Map<String, Object>> archived = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            archived.clear();
            archived.addAll(archivedBatchesOfThisRun());
            assertThat(archived).hasSize(2);
        });
        assertThat(archived).extracting(batch -> batch.get("id"))
                .containsExactlyInAnyOrder("ekstep.telemetry", "api.sunbird.telemetry");
        Map<String, Object> digitLine = archived.stream()
                .filter(batch -> "ekstep.telemetry".equals(batch.get("id"))).findFirst().orElseThrow();
        assertThat(digitLine).containsEntry("did", "device-" + run).containsEntry("channel", "pb.amritsar")
                .containsEntry("pid", "egov.digit.ui");
        assertThat(digitLine.get("mid")).isInstanceOf(String.class);
        // The duplicates never reached the batch topic, so the indexed event still has the first sync time.
        assertThat(start.get("syncts")).isEqualTo(digitLine.get("syncts"));
        List<ConsumerRecord<byte[], byte[]>> duplicates = recordsContaining(TestStack.DUPLICATE_TOPIC, run, 2);
        assertThat(duplicates).hasSize(2);
        assertThat(duplicates).allSatisfy(record -> assertThat(header(record, "telemetry.duplicate.key")).isNotBlank());
    }

    @Test
    void batchWithoutEventsGoesToTheFailedTopicWithItsReason() throws Exception {
        String marker = "no-events-" + run;
        String body = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"ets\":1764300000000,"
                + "\"params\":{\"msgid\":\"" + marker + "\"}}";
        assertSunbirdSuccess(post(body, Map.of()), marker);

        List<ConsumerRecord<byte[], byte[]>> failedRecords = recordsContaining(TestStack.FAILED_TOPIC, marker, 1);
        assertThat(failedRecords).hasSize(1);
        ConsumerRecord<byte[], byte[]> failed = failedRecords.get(0);
        assertThat(failed).as("record on the failed topic").isNotNull();
        Map<String, Object> value = Json.parseObject(failed.value());
        assertThat(value).doesNotContainKey("events").containsKey("syncts").containsKey("mid");
        assertThat(header(failed, ErrorHeaders.STAGE)).isEqualTo("validate-batch");
        assertThat(header(failed, ErrorHeaders.REASON)).contains("events");
        assertThat(header(failed, ErrorHeaders.PATH)).isEqualTo("/events");
        assertThat(stack.search().get(TestStack.INDEX, (String) value.get("mid")))
                .doesNotContainEntry("found", true);
    }

    @Test
    void bodyThatIsNotJsonIsRefusedAndTheNextBatchStillSucceeds() throws Exception {
        HttpResponse<String> refused = post("this is { not json", Map.of());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        Map<String, Object> error = Json.parseObject(refused.body());
        assertThat(error).containsEntry("responseCode", "CLIENT_ERROR");
        assertThat(mapAt(error, "params")).containsEntry("status", "failed").containsKey("errmsg");

        String mid = "START:" + run + "-after-error";
        String next = "{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"ets\":1764300000000,\"events\":[{\"eid\":"
                + "\"START\",\"ets\":1764300000000,\"ver\":\"3.0\",\"mid\":\"" + mid + "\",\"edata\":{}}]}";
        assertSunbirdSuccess(post(next, Map.of()), null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            stack.search().refresh(TestStack.INDEX);
            assertThat(stack.search().get(TestStack.INDEX, mid)).containsEntry("found", true);
        });
    }

    /** Reads {@code topic} from the start until {@code expected} records contain {@code marker} (or 30 s pass). */
    private static List<ConsumerRecord<byte[], byte[]>> recordsContaining(String topic, String marker, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Map<String, Object> props = Map.of("group.id", "it-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = stack.connect().kafka().createConsumerAndSubscribeTo(props, topic)) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
                        found.add(record);
                    }
                }
            }
            // Anything more that arrives shortly after would be one too many.
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    private List<Map<String, Object>> archivedBatchesOfThisRun() throws IOException {
        ObjectStore store = stack.objectStore();
        List<Map<String, Object>> batches = new ArrayList<>();
        for (String key : store.keys(TestStack.BUCKET, "topics/" + TestStack.BATCH_TOPIC + "/")) {
            var matcher = ARCHIVE_KEY.matcher(key);
            assertThat(matcher.matches()).as("object key %s", key).isTrue();
            for (String line : store.lines(TestStack.BUCKET, key)) {
                if (!line.contains(run)) {
                    continue;
                }
                Map<String, Object> batch = Json.parseObject(line);
                String day = Instant.ofEpochMilli(((Number) batch.get("syncts")).longValue())
                        .atZone(ZoneOffset.UTC).toLocalDate().toString();
                assertThat(matcher.group(1)).as("dt of %s", key).isEqualTo(day);
                batches.add(batch);
            }
        }
        return batches;
    }

    private void assertSunbirdSuccess(HttpResponse<String> response, String msgid) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Object> body = Json.parseObject(response.body());
        assertThat(body).containsEntry("id", "api.telemetry").containsEntry("ver", "1.0")
                .containsEntry("responseCode", "SUCCESS").containsKey("ets");
        Map<String, Object> params = mapAt(body, "params");
        assertThat(params).containsEntry("status", "successful").containsKey("resmsgid");
        if (msgid != null) {
            assertThat(params).containsEntry("msgid", msgid);
        }
    }

    private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.ingestUrl("/v1/telemetry")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String sample(String name) throws IOException {
        try (InputStream in = PipelineIT.class.getResourceAsStream("/batches/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${run}", run);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> getResponse) {
        return (Map<String, Object>) getResponse.get("_source");
    }
}
