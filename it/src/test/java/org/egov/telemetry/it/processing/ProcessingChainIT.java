package org.egov.telemetry.it.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.support.SearchNode;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole processing chain as {@code connectors/} wires it, on the shared stack: the DIGIT and Sunbird
 * sample batches plus a batch of trouble (an event seen before, an event of the wrong shape, an element that
 * is no event) go through the HTTP edge, the unbundle source with validate(event) → dedup(mid) → enrich, and
 * the index. Checks what lands on the event, failed and duplicate topics, record by record.
 */
class ProcessingChainIT {

    static final String SAMSUNG_PHONE = "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";

    private static TestStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startStack() {
        stack = TestStack.shared();
    }

    @Test
    void sampleBatchesAreValidatedDeduplicatedAndEnrichedWithFailuresAndDuplicatesRoutedIntact() throws Exception {
        post(sample("digit-batch.json"), Map.of("x-device-id", "device-" + run, "x-channel-id", "pb.amritsar",
                "x-app-id", "egov.digit.ui"));
        post(sample("sunbird-batch.json"), Map.of("x-device-id", "did-" + run, "User-Agent", SAMSUNG_PHONE));
        String badEts = "{\"eid\":\"INTERACT\",\"ets\":\"yesterday\",\"ver\":\"3.0\",\"mid\":\"INTERACT:" + run
                + "-bad-ets\",\"edata\":{\"type\":\"CLICK\"}}";
        String repeatedStart = "{\"eid\":\"START\",\"ets\":1764300000000,\"ver\":\"3.0\",\"mid\":\"START:" + run
                + "-digit-1\",\"edata\":{\"type\":\"app\",\"cityId\":\"pb.amritsar\"}}";
        String fine = "{\"eid\":\"START\",\"ets\":1764300200000,\"ver\":\"3.0\",\"mid\":\"START:" + run
                + "-trouble-ok\",\"edata\":{\"type\":\"app\",\"cityId\":\"pb.patiala\"}}";
        post("{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"trouble-" + run + "\"},"
                + "\"ets\":1764300200000,\"events\":[" + repeatedStart + "," + badEts + ",\"not-an-event-" + run
                + "\"," + fine + "]}", Map.of("x-device-id", "device-" + run));

        List<String> mids = List.of("START:" + run + "-digit-1", "SUMMARY:" + run + "-digit-2",
                "END:" + run + "-digit-3", "START:" + run + "-sunbird-1", "END:" + run + "-sunbird-2",
                "START:" + run + "-trouble-ok");
        List<ConsumerRecord<byte[], byte[]>> events = recordsOfThisRun(TestStack.EVENT_TOPIC, mids.size());
        assertThat(events).extracting(record -> key(record)).containsExactlyInAnyOrderElementsOf(mids);
        Map<String, Map<String, Object>> byMid = events.stream().map(ProcessingChainIT::value)
                .collect(Collectors.toMap(event -> (String) event.get("mid"), Function.identity()));

        Map<String, Object> digitStart = byMid.get(mids.get(0));
        assertThat(digitStart).containsEntry("@timestamp", "2025-11-28T03:20:00.000Z")
                .containsEntry("did", "device-" + run).containsEntry("channel", "pb.amritsar")
                .containsEntry("pid", "egov.digit.ui").containsKey("batchmid").containsKey("syncts");
        assertThat(mapAt(digitStart, "devicedata")).containsEntry("browser", "Chrome").containsEntry("os", "Linux")
                .containsEntry("deviceType", "Desktop");
        assertThat(mapAt(digitStart, "tenant")).containsEntry("tenantId", "pb.amritsar").containsEntry("state", "pb")
                .containsEntry("city", "amritsar");
        assertThat(mapAt(digitStart, "tenantdata")).containsEntry("districtName", "Amritsar")
                .containsEntry("stateName", "Punjab");
        assertThat(mapAt(digitStart, "flags")).containsEntry("tenant_denorm", true);
        assertThat(mapAt(digitStart, "edata")).containsEntry("cityId", "pb.amritsar").containsKey("userAgent");

        Map<String, Object> sunbirdStart = byMid.get(mids.get(3));
        assertThat(mapAt(sunbirdStart, "devicedata")).as("from the edge's User-Agent header")
                .containsEntry("deviceType", "Phone").containsEntry("deviceBrand", "Samsung")
                .containsEntry("os", "Android");
        assertThat(mapAt(sunbirdStart, "flags")).containsEntry("tenant_denorm", false);
        assertThat(sunbirdStart).doesNotContainKey("tenantdata");

        Map<String, Object> patiala = byMid.get(mids.get(5));
        assertThat(mapAt(patiala, "tenantdata")).containsEntry("districtName", "Patiala");

        List<ConsumerRecord<byte[], byte[]>> failed = recordsOfThisRun(TestStack.FAILED_TOPIC, 2);
        assertThat(failed).hasSize(2);
        ConsumerRecord<byte[], byte[]> invalid = failed.stream()
                .filter(record -> "validate-event".equals(header(record, ErrorHeaders.STAGE))).findFirst().orElseThrow();
        Map<String, Object> invalidEvent = value(invalid);
        assertThat(invalidEvent).containsEntry("mid", "INTERACT:" + run + "-bad-ets").containsEntry("ets", "yesterday")
                .containsEntry("eid", "INTERACT").doesNotContainKey("@timestamp");
        assertThat(mapAt(invalidEvent, "edata")).isEqualTo(Map.of("type", "CLICK"));
        assertThat(mapAt(invalidEvent, "flags")).containsEntry("pp_validation_processed", false);
        assertThat(mapAt(invalidEvent, "metadata")).containsKey("validation_error");
        assertThat(header(invalid, ErrorHeaders.REASON)).isNotBlank();
        assertThat(header(invalid, ErrorHeaders.PATH)).contains("ets");

        ConsumerRecord<byte[], byte[]> notAnEvent = failed.stream()
                .filter(record -> "unbundle".equals(header(record, ErrorHeaders.STAGE))).findFirst().orElseThrow();
        assertThat(new String(notAnEvent.value(), StandardCharsets.UTF_8)).isEqualTo("\"not-an-event-" + run + "\"");
        assertThat(header(notAnEvent, ErrorHeaders.PATH)).isEqualTo("/events/2");
        assertThat(header(notAnEvent, ErrorHeaders.REASON)).contains("not a JSON object");
        assertThat(header(notAnEvent, "telemetry.source.topic")).isEqualTo(TestStack.BATCH_TOPIC);

        List<ConsumerRecord<byte[], byte[]>> duplicates = recordsOfThisRun(TestStack.DUPLICATE_TOPIC, 1);
        assertThat(duplicates).hasSize(1);
        ConsumerRecord<byte[], byte[]> duplicate = duplicates.get(0);
        Map<String, Object> repeated = value(duplicate);
        assertThat(repeated).containsEntry("mid", mids.get(0)).containsEntry("ets", 1764300000000L)
                .doesNotContainKey("devicedata").doesNotContainKey("@timestamp");
        assertThat(mapAt(repeated, "edata")).isEqualTo(Map.of("type", "app", "cityId", "pb.amritsar"));
        assertThat(mapAt(repeated, "flags")).containsEntry("pp_duplicate", true);
        assertThat(header(duplicate, "telemetry.duplicate.key")).isEqualTo("mid:" + mids.get(0));

        SearchNode search = stack.search();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            search.refresh(TestStack.INDEX);
            Map<String, Object> doc = search.get(TestStack.INDEX, mids.get(0));
            assertThat(doc).containsEntry("found", true);
            @SuppressWarnings("unchecked")
            Map<String, Object> source = (Map<String, Object>) doc.get("_source");
            assertThat(mapAt(source, "tenantdata")).containsEntry("districtName", "Amritsar");
            assertThat(mapAt(source, "devicedata")).containsEntry("browser", "Chrome");
        });
        assertThat(search.get(TestStack.INDEX, "INTERACT:" + run + "-bad-ets")).doesNotContainEntry("found", true);
    }

    /** Reads {@code topic} from the start until {@code expected} records mention this run (or a minute passes). */
    private List<ConsumerRecord<byte[], byte[]>> recordsOfThisRun(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        Map<String, Object> props = Map.of("group.id", "it-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = stack.connect().kafka().createConsumerAndSubscribeTo(props, topic)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                collect(consumer, Duration.ofMillis(500), found);
            }
            collect(consumer, Duration.ofSeconds(2), found); // one too many would show here
        }
        return found;
    }

    private void collect(KafkaConsumer<byte[], byte[]> consumer, Duration timeout,
                         List<ConsumerRecord<byte[], byte[]>> found) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            if (record.value() != null && new String(record.value(), StandardCharsets.UTF_8).contains(run)) {
                found.add(record);
            }
        }
    }

    private void post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.ingestUrl("/v1/telemetry")))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String sample(String name) throws IOException {
        try (InputStream in = ProcessingChainIT.class.getResourceAsStream("/batches/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${run}", run);
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> value(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.parseObject(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
