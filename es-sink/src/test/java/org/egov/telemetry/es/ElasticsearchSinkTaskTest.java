package org.egov.telemetry.es;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.es.FakeSearchNode.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.egov.telemetry.es.FakeSearchNode.ItemAnswer.error;
import static org.egov.telemetry.es.FakeSearchNode.ItemAnswer.ok;

class ElasticsearchSinkTaskTest {

    private static final String TOPIC = "telemetry-enriched-messages";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private FakeSearchNode node;
    private ElasticsearchSinkTask task;

    @BeforeEach
    void startNode() throws Exception {
        node = new FakeSearchNode();
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        node.close();
    }

    private void start(String... overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", node.url());
        props.put("linger.ms", "60000");
        props.put("retry.backoff.ms", "1");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        task = new ElasticsearchSinkTask(now::get);
        task.start(props);
    }

    private static SinkRecord record(int partition, long offset, Object key, Object value) {
        return new SinkRecord(TOPIC, partition, null, key, null, value, offset);
    }

    private static Map<String, Object> event(String mid) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eid", "IMPRESSION");
        event.put("mid", mid);
        return event;
    }

    /** preCommit until every bulk request has finished; the offsets it then returns. */
    private Map<TopicPartition, OffsetAndMetadata> settled() {
        waitFor(() -> {
            preCommit();
            return task.idle();
        });
        return preCommit();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 2000 && !condition.getAsBoolean(); i++) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit() {
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        current.put(P0, new OffsetAndMetadata(0));
        current.put(P1, new OffsetAndMetadata(0));
        return task.preCommit(current);
    }

    @Test
    void documentIdsAreRecordKeysAndIndexIsTheTopic() {
        start();
        task.put(List.of(record(0, 0, "mid-1", event("mid-1")), record(0, 1, "mid-2", event("mid-2"))));
        settled();

        assertThat(node.allActions()).extracting(Action::verb, Action::index, Action::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("index", TOPIC, "mid-1"),
                        org.assertj.core.groups.Tuple.tuple("index", TOPIC, "mid-2"));
        assertThat(node.allActions().get(0).source()).isEqualTo("{\"eid\":\"IMPRESSION\",\"mid\":\"mid-1\"}");
        assertThat(node.bulkBodies().get(0)).doesNotContain("_type").endsWith("\n");
        assertThat(node.bulkHeaders().get(0).get("content-type")).startsWith("application/json");
    }

    @Test
    void fixedIndexNameOverridesTheTopic() {
        start("index.name", "telemetryindex-v1");
        task.put(List.of(record(0, 0, "a", event("a"))));
        settled();

        assertThat(node.allActions()).extracting(Action::index).containsExactly("telemetryindex-v1");
    }

    @Test
    void ignoredKeyMakesTopicPartitionOffsetTheDocumentId() {
        start("key.ignore", "true");
        task.put(List.of(record(1, 42, null, event("a"))));
        settled();

        assertThat(node.allActions()).extracting(Action::id).containsExactly(TOPIC + "+1+42");
    }

    @Test
    void nullKeyFailsWhenKeyIsTheDocumentId() {
        start();
        assertThatThrownBy(() -> task.put(List.of(record(0, 7, null, event("a")))))
                .isInstanceOf(DataException.class).hasMessageContaining(TOPIC + "/0@7");
    }

    @Test
    void bulkRequestIsSentWhenBatchSizeRecordsAreBuffered() {
        start("batch.size", "2");
        task.put(List.of(record(0, 0, "a", event("a")), record(0, 1, "b", event("b")), record(0, 2, "c", event("c"))));

        waitFor(() -> node.bulkRequests().size() == 1);
        assertThat(node.bulkRequests().get(0)).extracting(Action::id).containsExactly("a", "b");

        settled();
        assertThat(node.bulkRequests()).hasSize(2);
        assertThat(node.bulkRequests().get(1)).extracting(Action::id).containsExactly("c");
    }

    @Test
    void bufferedRecordsAreSentOnceTheOldestHasLingered() {
        start("linger.ms", "500");
        task.put(List.of(record(0, 0, "a", event("a"))));
        now.addAndGet(300);
        task.put(List.of(record(0, 1, "b", event("b"))));
        assertThat(node.bulkRequests()).isEmpty();

        now.addAndGet(200);
        task.put(List.of());

        waitFor(() -> node.bulkRequests().size() == 1);
        assertThat(node.bulkRequests().get(0)).extracting(Action::id).containsExactly("a", "b");
    }

    @Test
    void preCommitSendsTheBufferAndReturnsOffsetsPerOriginalPartition() {
        start();
        SinkRecord renamed = new SinkRecord("renamed-topic", 9, null, "c", null, event("c"), 99L, null,
                TimestampType.NO_TIMESTAMP_TYPE, null, TOPIC, 1, 5L);
        task.put(List.of(record(0, 10, "a", event("a")), record(0, 11, "b", event("b")), renamed));

        assertThat(settled()).containsOnly(
                Map.entry(P0, new OffsetAndMetadata(12)),
                Map.entry(P1, new OffsetAndMetadata(6)));
        assertThat(node.allActions()).extracting(Action::index).containsExactly(TOPIC, TOPIC, "renamed-topic");
    }

    @Test
    void preCommitReturnsNothingForPartitionsWithoutAcknowledgedRecords() {
        start();
        assertThat(settled()).isEmpty();
        assertThat(node.bulkRequests()).isEmpty();
    }

    @Test
    void onlyItemsRejectedWith429AreRetried() {
        start();
        node.thenItems(ok(), error(429, "es_rejected_execution_exception"), ok())
                .thenItems(ok());
        task.put(List.of(record(0, 0, "a", event("a")), record(0, 1, "b", event("b")), record(0, 2, "c", event("c"))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
        assertThat(node.bulkRequests()).hasSize(2);
        assertThat(node.bulkRequests().get(1)).extracting(Action::id).containsExactly("b");
    }

    @Test
    void itemsRejectedForCapacityAreRetriedBeyondMaxRetriesWithoutFailingTheTask() {
        start("max.retries", "0");
        node.thenItems(ok(), error(503, "unavailable_shards_exception"))
                .thenItems(error(429, "rejected_execution_exception"))
                .thenItems(error(429, "es_rejected_execution_exception"));
        task.put(List.of(record(0, 0, "a", event("a")), record(0, 1, "b", event("b"))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(2)));
        assertThat(node.bulkRequests()).hasSize(4);
        task.put(List.of());
    }

    @Test
    void retriesDoNotReorderWritesToTheSameId() {
        start();
        node.thenItems(error(429, "es_rejected_execution_exception"), ok(), ok());
        task.put(List.of(record(0, 0, "a", event("first")), record(0, 1, "b", event("b")),
                record(0, 2, "a", event("second"))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
        assertThat(node.bulkRequests().get(1)).extracting(Action::id, Action::source).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", "{\"eid\":\"IMPRESSION\",\"mid\":\"first\"}"),
                org.assertj.core.groups.Tuple.tuple("a", "{\"eid\":\"IMPRESSION\",\"mid\":\"second\"}"));
    }

    @Test
    void aBatchWritingAnIdStillInFlightWaitsForIt() {
        start("batch.size", "1", "max.in.flight.requests", "5");
        node.thenItems(error(429, "es_rejected_execution_exception")).thenItems(ok()).thenItems(ok());
        task.put(List.of(record(0, 0, "a", event("first")), record(0, 1, "a", event("second"))));

        settled();
        assertThat(node.allActions()).extracting(Action::source).containsExactly(
                "{\"eid\":\"IMPRESSION\",\"mid\":\"first\"}", "{\"eid\":\"IMPRESSION\",\"mid\":\"first\"}",
                "{\"eid\":\"IMPRESSION\",\"mid\":\"second\"}");
    }

    @Test
    void wholeRequestServerErrorsAreRetried() {
        start();
        node.thenStatus(503).thenStatus(500);
        task.put(List.of(record(0, 0, "a", event("a"))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
        assertThat(node.bulkRequests()).hasSize(3);
    }

    @Test
    void wholeRequestClientErrorsAreNotRetried() {
        start();
        node.thenStatus(401);
        task.put(List.of(record(0, 0, "a", event("a"))));

        settled();
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class).hasMessageContaining("HTTP 401");
        assertThat(node.bulkRequests()).hasSize(1);
    }

    @Test
    void startFailsWhenTheNodeCannotBeReachedWithinMaxRetries() {
        String url = node.url();
        node.close();
        ElasticsearchSinkTask unreachable = new ElasticsearchSinkTask(now::get);
        Map<String, String> props = Map.of("connection.url", url, "max.retries", "1", "retry.backoff.ms", "1");

        assertThatThrownBy(() -> unreachable.start(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("to detect its version");
    }

    @Test
    void wholeRequestFailuresBeyondMaxRetriesFailTheTaskAtTheNextPut() {
        start("max.retries", "1");
        node.thenStatus(503).thenStatus(503).thenStatus(503);
        task.put(List.of(record(0, 0, "a", event("a"))));

        assertThat(settled()).isEmpty();
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("after 1 retries");
        assertThat(node.bulkRequests()).hasSize(2);
    }

    @Test
    void elasticsearchSixIsRefusedAtStart() {
        node.version(null, "6.8.23");
        assertThatThrownBy(() -> start()).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Elasticsearch 7 or later");
        task = null;
    }

    @Test
    void malformedDocumentsFailTheTaskByDefault() {
        start();
        node.thenItems(ok(), error(400, "mapper_parsing_exception"));
        task.put(List.of(record(0, 0, "a", event("a")), record(0, 1, "b", event("b"))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Malformed document for record " + TOPIC + "/0@1")
                .hasMessageContaining("mapper_parsing_exception");
    }

    @Test
    void malformedDocumentsAreSkippedWhenIgnoredOrWarned() {
        for (String behavior : List.of("ignore", "warn")) {
            node.thenItems(error(400, "document_parsing_exception"), ok(), error(400, "illegal_argument_exception"));
            start("behavior.on.malformed.documents", behavior);
            task.put(List.of(record(0, 0, "a", event("a")), record(0, 1, "b", event("b")), record(0, 2, "c", event("c"))));

            assertThat(settled()).as(behavior).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
            task.stop();
        }
        assertThat(node.bulkRequests()).hasSize(2);
    }

    @Test
    void otherItemFailuresFailTheTaskWithoutRetry() {
        start("behavior.on.malformed.documents", "ignore");
        node.thenItems(error(403, "cluster_block_exception"));
        task.put(List.of(record(0, 0, "a", event("a"))));

        assertThat(settled()).isEmpty();
        assertThatThrownBy(() -> task.put(List.of())).isInstanceOf(ConnectException.class)
                .hasMessageContaining("cluster_block_exception");
        assertThat(node.bulkRequests()).hasSize(1);
    }

    @Test
    void byteArrayAndStringJsonIsWrittenThroughUnchanged() {
        start();
        String spaced = "{ \"mid\" : \"a\",  \"n\": 1.50, \"s\":\"caf\\u00e9\" }";
        task.put(List.of(record(0, 0, "a", spaced.getBytes(StandardCharsets.UTF_8)),
                record(0, 1, "b", "{\"mid\":\"b\",\"z\":1,\"a\":2}"),
                record(0, 2, "c", "{\n  \"mid\": \"c\"\r\n}".getBytes(StandardCharsets.UTF_8))));
        settled();

        assertThat(node.allActions()).extracting(Action::source)
                .containsExactly(spaced, "{\"mid\":\"b\",\"z\":1,\"a\":2}", "{   \"mid\": \"c\"  }");
    }

    @Test
    void nullValuesFailTheTaskByDefault() {
        start();
        assertThatThrownBy(() -> task.put(List.of(record(0, 3, "a", null))))
                .isInstanceOf(DataException.class).hasMessageContaining(TOPIC + "/0@3");
    }

    @Test
    void ignoredNullValuesAreNotSentButTheirOffsetsAreCommitted() {
        start("behavior.on.null.values", "ignore");
        task.put(List.of(record(0, 0, "a", event("a")), record(0, 1, "b", null), record(1, 0, "c", new byte[0])));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(2)), Map.entry(P1, new OffsetAndMetadata(1)));
        assertThat(node.allActions()).extracting(Action::id).containsExactly("a");
    }

    @Test
    void nullValuesDeleteTheDocumentWhenAskedTo() {
        start("behavior.on.null.values", "delete");
        node.thenItems(error(404, null));
        task.put(List.of(record(0, 0, "a", null)));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
        assertThat(node.allActions()).extracting(Action::verb, Action::id)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("delete", "a"));
    }

    @Test
    void closeDropsOnlyTheRevokedPartitionsBufferedRecords() {
        start();
        task.put(List.of(record(0, 0, "a", event("a")), record(1, 0, "b", event("b")), record(0, 1, "c", event("c"))));
        task.close(List.of(P1));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(2)));
        assertThat(node.allActions()).extracting(Action::id).containsExactly("a", "c");
    }

    @Test
    void basicAuthenticationIsSentWhenAUsernameIsSet() {
        start("connection.username", "elastic", "connection.password", "s3cret");
        task.put(List.of(record(0, 0, "a", event("a"))));
        settled();

        assertThat(node.bulkHeaders().get(0).get("authorization")).isEqualTo("Basic ZWxhc3RpYzpzM2NyZXQ=");
    }
}
