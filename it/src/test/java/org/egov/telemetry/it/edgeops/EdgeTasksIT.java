package org.egov.telemetry.it.edgeops;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.support.ConnectorFiles;
import org.egov.telemetry.it.support.FreePorts;
import org.egov.telemetry.it.support.ConnectClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP source with several tasks on a cluster of two workers (one host, so every task binds the same
 * port), through connector restarts under load: every answer is 200 or the API's JSON 503 with
 * {@code Retry-After} (or a refused or reset connection), never another status or an HTML page, and every batch
 * answered 200 is in Kafka exactly once.
 */
class EdgeTasksIT {

    private static final String CONNECTOR = "edge-tasks";
    private static final String TOPIC = "edge-tasks-batches";
    private static EmbeddedConnectCluster connect;
    private static int port;

    @BeforeAll
    static void start() throws InterruptedException {
        connect = ConnectClusters.start("edge-tasks", 2, Map.of());
        for (String topic : List.of(TOPIC, "edge-tasks-failed", "edge-tasks-duplicates")) {
            connect.kafka().createTopic(topic, 2);
        }
        port = FreePorts.next();
        Map<String, String> config = ConnectorFiles.config("telemetry-http-source", Map.of(
                "tasks.max", "3", "http.port", Integer.toString(port), "topic", TOPIC,
                "transforms.validate.failed.topic", "edge-tasks-failed",
                "transforms.dedup.duplicate.topic", "edge-tasks-duplicates",
                "predicates.isBatchTopic.pattern", TOPIC));
        connect.configureConnector(CONNECTOR, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 3, "edge did not start");
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void threeTasksShareThePortEveryRefusalIsJson503AndNothingAcknowledgedIsLostAcrossRestarts() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> refusals = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            // half on a connection per request, half on keep-alive connections that outlive a task's stop
            HttpClient shared = c % 2 == 0 ? null : HttpClient.newHttpClient();
            refusals.add(clients.submit(() -> postUntilStopped(running, acknowledged, shared)));
        }
        Thread.sleep(3000);
        for (int restart = 0; restart < 3; restart++) {
            connect.restartConnectorAndTasks(CONNECTOR, false, true, false);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(CONNECTOR, 3, "edge did not restart");
            Thread.sleep(2000);
        }
        running.set(false);
        int refused = 0;
        for (Future<Integer> f : refusals) {
            refused += f.get();
        }
        clients.shutdown();

        Map<String, Integer> inKafka = msgidsInTopic(acknowledged);
        assertThat(acknowledged).hasSizeGreaterThan(20);
        assertThat(inKafka.keySet()).containsAll(acknowledged);
        assertThat(inKafka.values()).allSatisfy(copies -> assertThat(copies).isEqualTo(1));
        System.out.printf("edge tasks: %d batches acknowledged, %d refused or cut during the restart%n",
                acknowledged.size(), refused);
    }

    @Test
    void edgeMetricsAreRegisteredWithTheWorker() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> answer = client.send(request(UUID.randomUUID().toString()), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("kafka.connect:connector=" + CONNECTOR + ",*"), null);
        List<ObjectName> withEdgeMetrics = new ArrayList<>();
        for (ObjectName name : names) {
            try {
                jmx.getAttribute(name, "batch-total");
                withEdgeMetrics.add(name);
            } catch (javax.management.AttributeNotFoundException | javax.management.InstanceNotFoundException e) {
                // another group of the connector's metrics
            }
        }
        assertThat(withEdgeMetrics).as("MBeans with batch-total among %s", names).isNotEmpty();
        double batches = 0;
        for (ObjectName name : withEdgeMetrics) {
            batches += ((Number) jmx.getAttribute(name, "batch-total")).doubleValue();
            assertThat(jmx.getAttribute(name, "ack-latency-p99")).isInstanceOf(Double.class);
        }
        assertThat(batches).isGreaterThanOrEqualTo(1);
    }

    /**
     * Posts batches until stopped, on {@code shared} or on a fresh connection each; returns how many were not
     * answered 200. A refusal must be the API's JSON 503 with Retry-After.
     */
    private static int postUntilStopped(AtomicBoolean running, Set<String> acknowledged, HttpClient shared) {
        int refused = 0;
        while (running.get()) {
            String msgid = UUID.randomUUID().toString();
            try {
                HttpResponse<String> answer = (shared == null ? HttpClient.newHttpClient() : shared)
                        .send(request(msgid), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    acknowledged.add(msgid);
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
                    assertThat(answer.headers().firstValue("Retry-After")).as(answer.body()).isPresent();
                    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWith("application/json"));
                    assertThat(Json.parseObject(answer.body())).containsEntry("responseCode", "SERVER_ERROR");
                    refused++;
                }
            } catch (java.io.IOException e) {
                refused++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return refused;
            }
        }
        return refused;
    }

    private static HttpRequest request(String msgid) {
        String batch = "{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"" + msgid + "\"},"
                + "\"ets\":1764300000000,\"events\":[{\"eid\":\"START\",\"mid\":\"" + msgid + "-1\"}]}";
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/telemetry"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch)).build();
    }

    private static Map<String, Integer> msgidsInTopic(Set<String> expected) throws Exception {
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Object> props = Map.of("group.id", "edge-tasks-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = connect.kafka().createConsumerAndSubscribeTo(props, TOPIC)) {
            long deadline = System.currentTimeMillis() + 60_000;
            Set<String> seen = new HashSet<>();
            while (System.currentTimeMillis() < deadline && !seen.containsAll(expected)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, Object> batch = Json.parseObject(new String(record.value(), StandardCharsets.UTF_8));
                    String msgid = (String) ((Map<?, ?>) batch.get("params")).get("msgid");
                    copies.merge(msgid, 1, Integer::sum);
                    seen.add(msgid);
                }
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(2))) {
                Map<String, Object> batch = Json.parseObject(new String(record.value(), StandardCharsets.UTF_8));
                copies.merge((String) ((Map<?, ?>) batch.get("params")).get("msgid"), 1, Integer::sum);
            }
        }
        return copies;
    }

}
