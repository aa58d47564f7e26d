package org.egov.telemetry.it.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.dedup.DeduplicateTelemetry;
import org.egov.telemetry.dedup.RedisServer;
import org.egov.telemetry.it.support.FreePorts;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.egov.telemetry.it.processing.TopicReader.header;
import static org.egov.telemetry.it.processing.TopicReader.mapAt;
import static org.egov.telemetry.it.processing.TopicReader.value;

/**
 * Two HTTP source connectors (two ingest edges, as behind a load balancer) validate and de-duplicate batches
 * through one real redis-server: a batch retried against the other edge is recognised as a duplicate.
 */
class RedisDedupAcrossConnectorsIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String batches = "proc-batches-" + run;
    private final String duplicates = "proc-duplicates-" + run;
    private final String failed = "proc-failed-" + run;
    private final List<String> connectors = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final EmbeddedConnectCluster connect = TestStack.shared().connect();
    private final RedisServer redis = RedisServer.shared();

    @AfterEach
    void removeConnectors() {
        connectors.forEach(connect::deleteConnector);
    }

    private int startEdge(String name) throws InterruptedException {
        int port = FreePorts.next();
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.egov.telemetry.http.TelemetryHttpSourceConnector");
        config.put("tasks.max", "1");
        config.put("topic", batches);
        config.put("http.bind.address", "127.0.0.1");
        config.put("http.port", Integer.toString(port));
        config.put("http.paths", "/v1/telemetry");
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "validate,dedup");
        config.put("transforms.validate.type", "org.egov.telemetry.validate.ValidateTelemetry");
        config.put("transforms.validate.mode", "batch");
        config.put("transforms.validate.failed.topic", failed);
        config.put("transforms.dedup.type", "org.egov.telemetry.dedup.DeduplicateTelemetry");
        config.put("transforms.dedup.predicate", "isBatchTopic");
        config.put("transforms.dedup.key", "auto");
        config.put("transforms.dedup.store", "redis");
        config.put("transforms.dedup.redis.host", redis.host());
        config.put("transforms.dedup.redis.port", Integer.toString(redis.port()));
        config.put("transforms.dedup.redis.key.prefix", "it-batches-" + run + ":");
        config.put("transforms.dedup.window.ms", "86400000");
        config.put("transforms.dedup.behavior.on.duplicate", "route");
        config.put("transforms.dedup.duplicate.topic", duplicates);
        config.put("transforms.dedup.duplicate.flag", "dd_duplicate_event");
        config.put("predicates", "isBatchTopic");
        config.put("predicates.isBatchTopic.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        config.put("predicates.isBatchTopic.pattern", batches);
        connect.configureConnector(name, config);
        connectors.add(name);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
        return port;
    }

    @Test
    void batchRetriedAgainstTheOtherEdgeIsRoutedAsDuplicateWithSunbirdFlag() throws Exception {
        for (String topic : List.of(batches, duplicates, failed)) {
            connect.kafka().createTopic(topic, 1);
        }
        int edgeA = startEdge("proc-edge-a-" + run);
        int edgeB = startEdge("proc-edge-b-" + run);
        Map<String, String> digitHeaders = Map.of("x-device-id", "device-" + run, "x-channel-id", "pb.amritsar",
                "x-app-id", "egov.digit.ui");

        assertThat(post(edgeA, sample("sunbird-batch.json"), Map.of("x-device-id", "did-" + run))).isEqualTo(200);
        assertThat(post(edgeB, sample("sunbird-batch.json"), Map.of("x-device-id", "did-" + run))).isEqualTo(200);
        assertThat(post(edgeB, sample("digit-batch.json"), digitHeaders)).isEqualTo(200);
        assertThat(post(edgeA, sample("digit-batch.json"), digitHeaders)).isEqualTo(200);
        assertThat(post(edgeA, "{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"ets\":1,\"params\":{\"msgid\":\"no-events-"
                + run + "\"}}", Map.of())).isEqualTo(200);

        List<ConsumerRecord<byte[], byte[]>> unique = TopicReader.read(connect.kafka(), batches, 2);
        assertThat(unique).extracting(record -> value(record).get("id"))
                .containsExactlyInAnyOrder("api.sunbird.telemetry", "ekstep.telemetry");

        List<ConsumerRecord<byte[], byte[]>> routed = TopicReader.read(connect.kafka(), duplicates, 2);
        assertThat(routed).hasSize(2);
        for (ConsumerRecord<byte[], byte[]> duplicate : routed) {
            Map<String, Object> batch = value(duplicate);
            Map<String, Object> first = unique.stream().map(TopicReader::value)
                    .filter(b -> b.get("id").equals(batch.get("id"))).findFirst().orElseThrow();
            assertThat(mapAt(batch, "flags")).containsEntry("dd_duplicate_event", true);
            assertThat(first).doesNotContainKey("flags");
            assertThat(batch.get("events")).isEqualTo(first.get("events"));
            assertThat(batch.get("mid")).as("each receipt has its own batch mid").isNotEqualTo(first.get("mid"));
            String key = header(duplicate, DeduplicateTelemetry.DUPLICATE_KEY_HEADER);
            if ("api.sunbird.telemetry".equals(batch.get("id"))) {
                assertThat(key).isEqualTo("msgid:msg-" + run);
            } else {
                assertThat(key).startsWith("sha256:");
                assertThat(batch).containsEntry("did", "device-" + run).containsEntry("pid", "egov.digit.ui");
            }
        }

        List<ConsumerRecord<byte[], byte[]>> invalid = TopicReader.read(connect.kafka(), failed, 1);
        assertThat(invalid).hasSize(1);
        assertThat(header(invalid.get(0), "telemetry.error.stage")).isEqualTo("validate-batch");
        assertThat(header(invalid.get(0), "telemetry.error.path")).isEqualTo("/events");
        assertThat(mapAt(value(invalid.get(0)), "params")).containsEntry("msgid", "no-events-" + run);
    }

    private int post(int port, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/telemetry"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String sample(String name) throws Exception {
        try (InputStream in = RedisDedupAcrossConnectorsIT.class.getResourceAsStream("/batches/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${run}", run);
        }
    }
}
