package org.egov.telemetry.es;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.es.FakeSearchNode.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.egov.telemetry.es.ElasticsearchSinkMetricsTest.taskTags;
import static org.assertj.core.groups.Tuple.tuple;
import static org.egov.telemetry.es.FakeSearchNode.ItemAnswer.error;
import static org.egov.telemetry.es.FakeSearchNode.ItemAnswer.ok;

class ElasticsearchSinkTaskFeaturesTest {

    private static final String TOPIC = "telemetry-enriched-messages";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);

    private FakeSearchNode node;
    private ElasticsearchSinkTask task;
    private FakeSinkContext context;
    /** What the worker offers for the task's metrics; null unless a test sets it. */
    private PluginMetrics pluginMetrics;

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

    private void start(boolean deadLetterQueue, String... overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("connection.url", node.url());
        props.put("linger.ms", "60000");
        props.put("retry.backoff.ms", "1");
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        task = new ElasticsearchSinkTask();
        context = new FakeSinkContext(Set.of(P0), deadLetterQueue);
        context.pluginMetrics = pluginMetrics;
        task.initialize(context);
        task.start(props);
    }

    private static SinkRecord record(long offset, String key, Object value) {
        return new SinkRecord(TOPIC, 0, null, key, null, value, offset);
    }

    private static Map<String, Object> event(String mid, Object timestamp) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("mid", mid);
        event.put("@timestamp", timestamp);
        return event;
    }

    private Map<TopicPartition, OffsetAndMetadata> settled() {
        for (int i = 0; i < 2000; i++) {
            task.preCommit(Map.of(P0, new OffsetAndMetadata(0)));
            if (task.idle()) {
                break;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(task.idle()).as("bulk requests settled").isTrue();
        return task.preCommit(Map.of(P0, new OffsetAndMetadata(0)));
    }

    @Test
    void partitionsPauseAtTheHighWaterMarkAndResumeAtHalfOfIt() {
        start(false, "max.buffered.records", "4", "batch.size", "100");
        task.put(List.of(record(0, "a", event("a", 1)), record(1, "b", event("b", 1)), record(2, "c", event("c", 1))));
        assertThat(context.isPaused(P0)).isFalse();

        task.put(List.of(record(3, "d", event("d", 1))));
        assertThat(context.isPaused(P0)).isTrue();

        settled();
        task.put(List.of());
        assertThat(context.isPaused(P0)).isFalse();
    }

    @Test
    void malformedDocumentsGoToTheDeadLetterQueueWithErrorsToleranceAll() {
        start(true, "behavior.on.malformed.documents", "fail");
        node.thenItems(ok(), error(400, "document_parsing_exception"));
        SinkRecord bad = record(1, "b", event("b", 1));
        task.put(List.of(record(0, "a", event("a", 1)), bad));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(2)));
        assertThat(context.deadLettered).containsExactly(bad);
        task.put(List.of());
    }

    @Test
    void recordsThatCannotBecomeDocumentsGoToTheDeadLetterQueue() {
        start(true, "index.name", "telemetry", "index.date.field", "@timestamp");
        SinkRecord noDate = record(0, "a", Map.of("mid", "a"));
        SinkRecord noKey = record(1, null, event("b", 1));
        task.put(List.of(noDate, noKey, record(2, "c", event("c", 1))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
        assertThat(context.deadLettered).containsExactly(noDate, noKey);
    }

    @Test
    void datedIndicesFollowTheDateFieldInUtc() {
        start(false, "index.name", "telemetry", "index.date.field", "@timestamp");
        task.put(List.of(record(0, "a", event("a", "2026-11-27T23:30:00.000+05:30")),
                record(1, "b", event("b", "2026-11-28T01:00:00Z")),
                record(2, "c", event("c", 1795910400000L))));
        settled();

        assertThat(node.allActions()).extracting(Action::id, Action::index).containsExactly(
                tuple("a", "telemetry-2026.11.27"), tuple("b", "telemetry-2026.11.28"),
                tuple("c", "telemetry-2026.11.29"));
    }

    @Test
    void upsertMergesTheDocumentIntoAnExistingOne() {
        start(false, "write.method", "upsert", "index.name", "telemetry");
        task.put(List.of(record(0, "a", "{\"mid\":\"a\"}")));
        settled();

        assertThat(node.allActions()).extracting(Action::verb, Action::source)
                .containsExactly(tuple("update", "{\"doc\":{\"mid\":\"a\"},\"doc_as_upsert\":true}"));
    }

    @Test
    void dataStreamsAreAppendedToWithCreateAndReplaysAreNoError() {
        start(false, "data.stream.type", "logs", "data.stream.dataset", "telemetry");
        node.thenItems(error(409, "version_conflict_engine_exception"));
        task.put(List.of(record(0, "a", event("a", 1))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
        assertThat(node.allActions()).extracting(Action::verb, Action::index)
                .containsExactly(tuple("create", "logs-telemetry-telemetry_enriched_messages"));
    }

    @Test
    void theShippedTemplateIsInstalledForTheIndexAndItsDatedIndices() throws Exception {
        start(false, "index.name", "telemetryindex-v1", "index.date.field", "@timestamp",
                "index.template.install", "true", "index.template.name", "telemetry-events");

        Map<String, Object> template = Json.parseObject(node.templates().get("telemetry-events"));
        assertThat(template.get("index_patterns")).isEqualTo(List.of("telemetryindex-v1-*"));
        assertThat(Json.toString(template)).contains("\"mid\":{\"type\":\"keyword\"}")
                .contains("\"ets\":{\"type\":\"date\"").contains("\"edata\":{\"type\":\"object\",\"dynamic\":true}");
    }

    @Test
    void anExistingIndexTheTemplateCannotReachIsLookedAtAndStillWrittenTo() {
        node.mapping("telemetryindex-v1", "mid", "text");
        start(false, "index.name", "telemetryindex-v1", "index.template.install", "true");
        task.put(List.of(record(0, "a", event("a", 1))));

        assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
        assertThat(node.otherRequests()).containsExactly("GET /telemetryindex-v1/_mapping/field/mid");
    }

    @Test
    void anApiKeyIsSentAsApiKeyAuthorization() {
        start(false, "connection.api.key", "key-id:key-secret");
        task.put(List.of(record(0, "a", event("a", 1))));
        settled();

        assertThat(node.bulkHeaders().get(0).get("authorization")).isEqualTo("ApiKey a2V5LWlkOmtleS1zZWNyZXQ=");
    }

    @Test
    void indexedDocumentsBulkRequestsAndTheirTimesArePluginMetrics() {
        try (Metrics registry = new Metrics()) {
            pluginMetrics = new PluginMetricsImpl(registry, taskTags("2"));
            node.bulkDelay(20);
            start(false, "batch.size", "2");
            task.put(List.of(record(0, "a", event("a", 1)), record(1, "b", event("b", 1)),
                    record(2, "c", event("c", 1))));

            assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
            assertThat(metric(registry, ElasticsearchSinkMetrics.INDEXED)).isEqualTo(3.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.BULK_REQUESTS)).isEqualTo(2.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.LATENCY_AVG)).isGreaterThanOrEqualTo(20.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.LATENCY_MAX)).isGreaterThanOrEqualTo(20.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.REJECTIONS)).isZero();
            assertThat(metric(registry, ElasticsearchSinkMetrics.ITEM_RETRIES)).isZero();
        }
    }

    @Test
    void rejectionsAndItemRetriesArePluginMetrics() {
        try (Metrics registry = new Metrics()) {
            pluginMetrics = new PluginMetricsImpl(registry, taskTags("2"));
            // The first request is refused whole (3 rejections). In the second the node rejects a (1 rejection), and
            // the later write of a goes again with it (2 item retries); the third request acknowledges both.
            node.thenStatus(429).thenItems(error(429, "es_rejected_execution_exception"), ok(), ok());
            start(false);
            task.put(List.of(record(0, "a", event("a", 1)), record(1, "b", event("b", 1)),
                    record(2, "a", event("a2", 1))));

            assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(3)));
            assertThat(node.bulkRequests()).hasSize(3);
            assertThat(metric(registry, ElasticsearchSinkMetrics.BULK_REQUESTS)).isEqualTo(3.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.REJECTIONS)).isEqualTo(4.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.ITEM_RETRIES)).isEqualTo(2.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.INDEXED)).isEqualTo(3.0);
        }
    }

    @Test
    void malformedDocumentsAndDeadLetteredRecordsArePluginMetrics() {
        try (Metrics registry = new Metrics()) {
            pluginMetrics = new PluginMetricsImpl(registry, taskTags("2"));
            start(true, "behavior.on.malformed.documents", "fail", "index.name", "telemetry",
                    "index.date.field", "@timestamp");
            node.thenItems(ok(), error(400, "document_parsing_exception"));
            SinkRecord noDate = record(0, "x", Map.of("mid", "x"));   // malformed before it is sent
            SinkRecord noKey = record(1, null, event("y", 1));        // breaks key.ignore=false: not malformed
            SinkRecord refused = record(3, "b", event("b", 1));       // malformed as the node says
            task.put(List.of(noDate, noKey, record(2, "a", event("a", 1)), refused));

            assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(4)));
            assertThat(context.deadLettered).containsExactly(noDate, noKey, refused);
            assertThat(metric(registry, ElasticsearchSinkMetrics.MALFORMED)).isEqualTo(2.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.DLQ)).isEqualTo(3.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.INDEXED)).isEqualTo(1.0);
        }
    }

    @Test
    void ignoredMalformedDocumentsAreCountedButNotDeadLettered() {
        try (Metrics registry = new Metrics()) {
            pluginMetrics = new PluginMetricsImpl(registry, taskTags("2"));
            start(true, "behavior.on.malformed.documents", "ignore");
            node.thenItems(error(400, "mapper_parsing_exception"));
            task.put(List.of(record(0, "a", event("a", 1))));

            assertThat(settled()).containsOnly(Map.entry(P0, new OffsetAndMetadata(1)));
            assertThat(context.deadLettered).isEmpty();
            assertThat(metric(registry, ElasticsearchSinkMetrics.MALFORMED)).isEqualTo(1.0);
            assertThat(metric(registry, ElasticsearchSinkMetrics.DLQ)).isZero();
            assertThat(metric(registry, ElasticsearchSinkMetrics.INDEXED)).isZero();
        }
    }

    private static double metric(Metrics registry, String name) {
        return ElasticsearchSinkMetricsTest.value(registry, name, "2");
    }
}
