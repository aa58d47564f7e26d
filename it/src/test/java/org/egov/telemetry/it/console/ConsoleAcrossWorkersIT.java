package org.egov.telemetry.it.console;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.edge.EdgeBatches;
import org.egov.telemetry.it.support.ConnectClusters;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.FreePorts;
import org.egov.telemetry.it.support.SearchNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The console's JSON on a cluster of two workers: whichever worker is asked, its positions, lags and rates are
 * the topics' and consumer groups' offsets, read here independently through an admin client and Connect's
 * REST offsets API.
 */
class ConsoleAcrossWorkersIT {

    private static final String EDGE = "telemetry-http-source";
    private static final String UNBUNDLE = "telemetry-unbundle-source";
    private static final String INDEX = "telemetry-es-sink";
    private static final String BATCHES = "telemetry-deduped-messages";
    private static final String EVENTS = "telemetry-enriched-messages";
    private static final String FAILED = "telemetry-failed-messages";
    private static final String DUPLICATES = "telemetry-duplicate-messages";

    private static EmbeddedConnectCluster connect;
    private static Admin admin;
    private static int ingestPort;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startTwoWorkers() throws Exception {
        connect = ConnectClusters.start("console-it", 2, Map.of(
                "connector.client.config.override.policy", "All",
                "rest.extension.classes", "org.egov.telemetry.console.TelemetryConsoleExtension"));
        connect.kafka().createTopic(BATCHES, 2);
        connect.kafka().createTopic(EVENTS, 2);
        connect.kafka().createTopic(FAILED, 1);
        connect.kafka().createTopic(DUPLICATES, 1);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connect.kafka().bootstrapServers());
        admin = Admin.create(props);

        ingestPort = FreePorts.next();
        connect.configureConnector(EDGE, ConnectorFiles.config(EDGE, Map.of(
                "http.port", Integer.toString(ingestPort), "http.bind.address", "127.0.0.1")));
        connect.configureConnector(UNBUNDLE, ConnectorFiles.config(UNBUNDLE,
                Map.of("input.bootstrap.servers", connect.kafka().bootstrapServers())));
        connect.configureConnector(INDEX, ConnectorFiles.config(INDEX,
                Map.of("connection.url", SearchNode.shared().url(), "index.name", "console-it")));
        for (String name : List.of(EDGE, UNBUNDLE, INDEX)) {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
        }
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void positionsLagsAndRatesAreTheOffsetsWhicheverWorkerIsAsked() throws Exception {
        List<URI> workers = connect.workers().stream().map(WorkerHandle::url).toList();
        assertThat(workers).hasSize(2);
        connect.pauseConnector(INDEX);
        connect.assertions().assertConnectorAndExactlyNumTasksArePaused(INDEX, 1, "the index sink did not pause");

        // A sample of the quiet pipeline, taken after this moment, on both workers: the burst's baseline.
        long quietSince = System.currentTimeMillis();
        Map<String, Long> before = offsets();
        for (URI worker : workers) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> sampledAt(pipeline(worker)) > quietSince);
        }

        int batches = 30;
        int eventsPerBatch = 3;
        for (int i = 0; i < batches; i++) {
            assertThat(post(EdgeBatches.batch("console-" + i, "device-" + i, eventsPerBatch))).isEqualTo(200);
        }
        String invalid = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"bad\"},\"events\":[]}";
        assertThat(post(invalid.getBytes())).isEqualTo(200);

        // Wait until the unbundle source committed the whole batch topic. A reader at rest on a topic written
        // exactly once stays one offset per partition behind its end: the last transaction's marker.
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1))
                .until(() -> sum(endOffsets(BATCHES)) - unbundled() <= 2);
        Map<String, Long> after = offsets();
        long settled = System.currentTimeMillis();
        assertThat(after.get("enriched") - before.get("enriched")).as("events written").isGreaterThanOrEqualTo(90);

        for (URI worker : workers) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> sampledAt(pipeline(worker)) > settled);
            Map<String, Object> view = pipeline(worker);
            Map<String, Map<String, Object>> stages = stages(view);
            String at = "asking " + worker;
            assertThat(position(stages, "ingest")).as(at).isEqualTo(after.get("ingest"));
            assertThat(position(stages, "failed")).as(at).isEqualTo(after.get("failed"));
            assertThat(position(stages, "enriched")).as(at).isEqualTo(after.get("enriched"));
            assertThat(position(stages, "unbundle")).as(at).isEqualTo(after.get("unbundle"));
            assertThat(lag(stages, "unbundle")).as(at).isEqualTo(after.get("ingest") - after.get("unbundle"));
            assertThat(position(stages, "index")).as(at).isEqualTo(after.get("index"));
            assertThat(lag(stages, "index")).as(at + ": the paused sink's lag")
                    .isEqualTo(after.get("enriched") - after.get("index"));
            assertThat(lag(stages, "index")).isGreaterThanOrEqualTo(90);

            // The burst lies inside the last minute, after a quiet sample: the 1 min window moved by exactly it.
            Map<String, Object> minute = (Map<String, Object>) ((Map<String, Object>) stages.get("ingest")
                    .get("rates")).get("1m");
            assertThat(((Number) minute.get("from")).longValue()).as(at).isLessThanOrEqualTo(quietSince + 2_500);
            assertThat(((Number) minute.get("offsets")).longValue()).as(at)
                    .isEqualTo(after.get("ingest") - before.get("ingest"));
            double perSecond = ((Number) minute.get("perSecond")).doubleValue();
            assertThat(perSecond).as(at).isCloseTo(((Number) minute.get("offsets")).longValue()
                    / ((Number) minute.get("seconds")).doubleValue(), within(1e-6));
        }
        assertThat(stages(pipeline(workers.get(0))).keySet()).containsExactly("ingest", "failed", "duplicates",
                "unbundle", "enriched", "index");

        connect.resumeConnector(INDEX);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).until(() ->
                sum(endOffsets(EVENTS)) - groupOffset("connect-" + INDEX) <= 2);
        long drained = System.currentTimeMillis();
        long indexLag = sum(endOffsets(EVENTS)) - groupOffset("connect-" + INDEX);
        for (URI worker : workers) {
            await().atMost(30, TimeUnit.SECONDS).until(() -> sampledAt(pipeline(worker)) > drained);
            assertThat(lag(stages(pipeline(worker)), "index")).as("asking " + worker).isEqualTo(indexLag);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkerListsEveryConnectorAndTask() throws Exception {
        for (WorkerHandle worker : connect.workers()) {
            List<Map<String, Object>> connectors = (List<Map<String, Object>>) pipeline(worker.url()).get("connectors");
            assertThat(connectors).extracting(c -> c.get("name")).containsExactly(INDEX, EDGE, UNBUNDLE);
            for (Map<String, Object> c : connectors) {
                assertThat((List<Map<String, Object>>) c.get("tasks")).hasSize(1);
                assertThat(c).doesNotContainKey("config");
            }
        }
    }

    private static Map<String, Long> offsets() throws Exception {
        Map<String, Long> offsets = new HashMap<>();
        offsets.put("ingest", sum(endOffsets(BATCHES)));
        offsets.put("failed", sum(endOffsets(FAILED)));
        offsets.put("enriched", sum(endOffsets(EVENTS)));
        offsets.put("unbundle", unbundled());
        offsets.put("index", groupOffset("connect-" + INDEX));
        return offsets;
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static long groupOffset(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        return committed.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** The unbundle source's next offsets to read, from Connect's own REST offsets API. */
    @SuppressWarnings("unchecked")
    private static long unbundled() throws Exception {
        Map<String, Object> body = get(connect.endpointForResource("connectors/" + UNBUNDLE + "/offsets"));
        long next = 0;
        for (Map<String, Object> entry : (List<Map<String, Object>>) body.get("offsets")) {
            next += ((Number) ((Map<String, Object>) entry.get("offset")).get("offset")).longValue() + 1;
        }
        return next;
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static int post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingestPort + "/v1/telemetry"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Map<String, Object> pipeline(URI worker) throws Exception {
        return get(worker.resolve("/telemetry/pipeline").toString());
    }

    private static Map<String, Object> get(String url) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return Json.parseObject(response.body());
    }

    private static long sampledAt(Map<String, Object> view) {
        return view.get("sampledAt") instanceof Number n ? n.longValue() : -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> stages(Map<String, Object> view) {
        Map<String, Map<String, Object>> byId = new java.util.LinkedHashMap<>();
        for (Map<String, Object> stage : (List<Map<String, Object>>) view.get("stages")) {
            byId.put((String) stage.get("id"), stage);
        }
        return byId;
    }

    private static long lag(Map<String, Map<String, Object>> stages, String id) {
        return ((Number) stages.get(id).get("lag")).longValue();
    }

    private static long position(Map<String, Map<String, Object>> stages, String id) {
        return ((Number) stages.get(id).get("position")).longValue();
    }

}
