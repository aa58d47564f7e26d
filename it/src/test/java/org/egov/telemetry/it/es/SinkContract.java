package org.egov.telemetry.it.es;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.SearchDistribution;
import org.egov.telemetry.it.support.SearchNode;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The es-sink contract: what the sink must do against every supported search engine. Each subclass names one
 * distribution; the connector runs on the shared Connect cluster, configured from connectors/telemetry-es-sink.json
 * with only the address and the topic/index names of each test changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SinkContract {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private EmbeddedConnectCluster connect;
    private SearchNode node;
    private final List<String> connectors = new ArrayList<>();

    abstract SearchDistribution distribution();

    @BeforeAll
    void startServers() {
        Assumptions.assumeTrue(distribution().inDefaultBuild() || Boolean.getBoolean("es.matrix"),
                distribution() + " runs in the full matrix only: mvn -B -pl it verify -Pes-matrix");
        node = SearchNode.shared(distribution());
        connect = TestStack.shared().connect();
    }

    @AfterEach
    void removeConnectors() {
        connectors.forEach(connect::deleteConnector);
        connectors.clear();
    }

    /** A fresh topic and index name for one test: {prefix}-{distribution}-{n}. */
    private String unique(String prefix) {
        return prefix + "-" + distribution().name().toLowerCase().replace('_', '-') + "-" + SEQUENCE.incrementAndGet();
    }

    private Map<String, String> sinkConfig(SearchNode target, String topic, String index, String... overrides) {
        Map<String, String> config = new HashMap<>(ConnectorFiles.config(TestStack.ES_SINK,
                Map.of("connection.url", target.url(), "topics", topic, "index.name", index,
                        "index.template.name", index)));
        for (int i = 0; i < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }

    private String startSink(Map<String, String> config) throws InterruptedException {
        String name = "es-contract-" + SEQUENCE.incrementAndGet();
        connect.configureConnector(name, config);
        connectors.add(name);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
        return name;
    }

    private String taskState(String connector) {
        ConnectorStateInfo status = connect.connectorStatus(connector);
        return status.tasks().isEmpty() ? "NONE" : status.tasks().get(0).state();
    }

    private void send(String topic, String mid, String json) {
        connect.kafka().produce(topic, mid, json);
    }

    private void awaitCount(SearchNode target, String index, long expected) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            target.refresh(index);                     // 404 until the sink's first write creates the index
            assertThat(target.count(index)).isEqualTo(expected);
        });
    }

    @Test
    void documentIdsAreMidsAndReplaysDoNotDuplicate() throws Exception {
        String topic = unique("ids");
        connect.kafka().createTopic(topic, 2);
        startSink(sinkConfig(node, topic, topic));
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        for (int i = 0; i < 50; i++) {
            send(topic, "IMPRESSION:" + topic + ":" + i, Events.event("IMPRESSION:" + topic + ":" + i, at));
        }
        awaitCount(node, topic, 50);

        for (int i = 0; i < 50; i++) {                  // a replay of every event, then one new event
            send(topic, "IMPRESSION:" + topic + ":" + i, Events.event("IMPRESSION:" + topic + ":" + i, at));
        }
        send(topic, "IMPRESSION:" + topic + ":new", Events.event("IMPRESSION:" + topic + ":new", at));
        awaitCount(node, topic, 51);

        Map<String, Object> doc = node.get(topic, "IMPRESSION:" + topic + ":7");
        assertThat(doc).containsEntry("found", true).containsEntry("_id", "IMPRESSION:" + topic + ":7");
        assertThat(SearchNode.sources(node.search(topic, Map.of("size", 100))))
                .extracting(source -> source.get("mid")).doesNotHaveDuplicates().hasSize(51);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ignore", "warn"})
    void malformedDocumentsAreSkippedWhenIgnoredOrWarned(String behavior) throws Exception {
        String topic = unique("malformed-" + behavior);
        connect.kafka().createTopic(topic, 1);
        createIndexWithNumericEts(topic);
        String sink = startSink(sinkConfig(node, topic, topic, "behavior.on.malformed.documents", behavior));
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        send(topic, "good-1", Events.event("good-1", at));
        send(topic, "bad-1", Events.malformed("bad-1"));
        send(topic, "good-2", Events.event("good-2", at));

        awaitCount(node, topic, 2);
        assertThat(node.get(topic, "bad-1")).containsEntry("found", false);
        assertThat(taskState(sink)).isEqualTo("RUNNING");
    }

    @Test
    void malformedDocumentsFailTheTaskWhenSetToFail() throws Exception {
        String topic = unique("malformed-fail");
        connect.kafka().createTopic(topic, 1);
        createIndexWithNumericEts(topic);
        String sink = startSink(sinkConfig(node, topic, topic, "behavior.on.malformed.documents", "fail"));
        send(topic, "good-1", Events.event("good-1", Instant.parse("2026-11-28T10:00:00Z")));
        send(topic, "bad-1", Events.malformed("bad-1"));

        await().atMost(WAIT).until(() -> taskState(sink).equals("FAILED"));
        assertThat(connect.connectorStatus(sink).tasks().get(0).trace()).contains("Malformed document")
                .contains(topic + "/0@1");
    }

    @Test
    void malformedDocumentsGoToTheDeadLetterQueueWithErrorsToleranceAll() throws Exception {
        String topic = unique("malformed-dlq");
        String dlq = topic + "-dlq";
        connect.kafka().createTopic(topic, 1);
        createIndexWithNumericEts(topic);
        String sink = startSink(sinkConfig(node, topic, topic, "behavior.on.malformed.documents", "fail",
                "errors.tolerance", "all", "errors.deadletterqueue.topic.name", dlq,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        send(topic, "good-1", Events.event("good-1", at));
        send(topic, "bad-1", Events.malformed("bad-1"));
        send(topic, "good-2", Events.event("good-2", at));

        awaitCount(node, topic, 2);
        ConsumerRecords<byte[], byte[]> dead = connect.kafka().consume(1, WAIT.toMillis(), dlq);
        assertThat(dead.count()).isEqualTo(1);
        assertThat(new String(dead.iterator().next().key())).isEqualTo("bad-1");
        assertThat(taskState(sink)).isEqualTo("RUNNING");
    }

    @Test
    void documentsRejectedPerItemAreRetriedUntilTheyAreIndexed() throws Exception {
        String topic = unique("rejected");
        connect.kafka().createTopic(topic, 1);
        node.request("PUT", "/" + topic, "{\"settings\":{\"index.number_of_replicas\":0}}", 200);
        // the flood-stage block: every write answers 429 per item until it is lifted
        node.request("PUT", "/" + topic + "/_settings", "{\"index.blocks.read_only_allow_delete\":true}", 200);
        String sink = startSink(sinkConfig(node, topic, topic, "retry.backoff.max.ms", "500"));
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        for (int i = 0; i < 20; i++) {
            send(topic, "held-" + i, Events.event("held-" + i, at));
        }
        Thread.sleep(5000);                            // let the sink meet the block and retry a few times
        node.refresh(topic);
        assertThat(node.count(topic)).isZero();
        assertThat(taskState(sink)).isEqualTo("RUNNING");

        node.request("PUT", "/" + topic + "/_settings", "{\"index.blocks.read_only_allow_delete\":null}", 200);
        awaitCount(node, topic, 20);
        assertThat(taskState(sink)).isEqualTo("RUNNING");
    }

    @Test
    void theShippedIndexTemplateIsApplied() throws Exception {
        String topic = unique("template");
        connect.kafka().createTopic(topic, 1);
        startSink(sinkConfig(node, topic, topic, "index.template.install", "true", "index.template.name", topic));
        send(topic, "t-1", Events.event("t-1", Instant.parse("2026-11-28T10:00:00Z")));
        awaitCount(node, topic, 1);

        assertThat(node.request("GET", "/_index_template/" + topic, null, 200).body().toString())
                .contains(topic);
        Map<String, Object> mapping = node.request("GET", "/" + topic + "/_mapping", null, 200).body();
        String properties = mapping.toString();
        assertThat(properties).contains("mid={type=keyword}").contains("eid={type=keyword}")
                .contains("ets={type=date").contains("syncts={type=date").contains("@timestamp={type=date")
                .contains("pageid=");
    }

    @Test
    void datedIndicesFollowTheTimestampOfEachEvent() throws Exception {
        String topic = unique("daily");
        connect.kafka().createTopic(topic, 1);
        startSink(sinkConfig(node, topic, topic, "index.date.field", "@timestamp"));
        send(topic, "d-1", Events.event("d-1", Instant.parse("2026-11-27T23:59:59Z")));
        send(topic, "d-2", Events.event("d-2", Instant.parse("2026-11-28T00:00:00Z")));
        send(topic, "d-3", Events.event("d-3", Instant.parse("2026-11-28T12:00:00Z")));

        awaitCount(node, topic + "-2026.11.28", 2);
        awaitCount(node, topic + "-2026.11.27", 1);
        assertThat(node.get(topic + "-2026.11.27", "d-1")).containsEntry("found", true);
    }

    @Test
    void aThirtySecondNodeOutageUnderLoadLosesAndDuplicatesNothing() throws Exception {
        SearchNode own = SearchNode.start(distribution(), SearchNode.Options.defaults());
        try {
            String topic = unique("outage");
            connect.kafka().createTopic(topic, 2);
            String sink = startSink(sinkConfig(own, topic, topic, "batch.size", "100"));
            Set<String> mids = new HashSet<>();
            Instant at = Instant.parse("2026-11-28T10:00:00Z");
            int sent = 0;
            for (; sent < 500; sent++) {
                String mid = "o-" + (sent % 450);        // one in ten is a replay of an earlier mid
                mids.add(mid);
                send(topic, mid, Events.event(mid, at));
            }
            awaitCount(own, topic, mids.size());

            own.stop();
            long outageEnds = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < outageEnds) {      // keep producing through the outage: 2,000 more records
                for (int i = 0; i < 100 && sent < 2500; i++, sent++) {
                    String mid = "o-" + (sent % 2200);
                    mids.add(mid);
                    send(topic, mid, Events.event(mid, at));
                }
                Thread.sleep(1000);
            }
            assertThat(taskState(sink)).isEqualTo("RUNNING");
            own.restart();

            awaitCount(own, topic, mids.size());
            assertThat(taskState(sink)).isEqualTo("RUNNING");
        } finally {
            own.close();
        }
    }

    private void createIndexWithNumericEts(String index) {
        node.request("PUT", "/" + index,
                "{\"settings\":{\"index.number_of_replicas\":0},\"mappings\":{\"properties\":{\"ets\":{\"type\":\"long\"}}}}",
                200);
    }
}
