package org.egov.telemetry.it.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EnrichTelemetry's lookup from a compacted topic on a real broker (the shared stack's): the table is read
 * before the first event, and a changed or added key reaches later events while the connector runs.
 */
class CompactedTopicLookupIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String table = "lookup-devices-" + run;
    private final String input = "lookup-in-" + run;
    private final String output = "lookup-out-" + run;
    private final String connector = "lookup-unbundle-" + run;
    private final EmbeddedConnectCluster connect = TestStack.shared().connect();
    private int batches;

    @AfterEach
    void removeConnector() {
        connect.deleteConnector(connector);
    }

    @Test
    void devicesAreJoinedFromACompactedTopicThatIsFollowedWhileRunning() throws InterruptedException {
        connect.kafka().createTopic(table, 1, 1, Map.of("cleanup.policy", "compact"));
        connect.kafka().createTopic(input, 1);
        connect.kafka().createTopic(output, 1);
        connect.kafka().produce(table, "device-1", "{\"district\":\"Amritsar\",\"state\":\"Punjab\"}");
        connect.configureConnector(connector, connectorConfig());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 1, connector + " did not start");

        try (KafkaConsumer<byte[], byte[]> events = consumer()) {
            Map<String, Object> first = enrichedEventOf("device-1", events);
            assertThat(mapAt(first, "devicedata")).isEqualTo(Map.of("district", "Amritsar", "state", "Punjab"));
            assertThat(mapAt(first, "flags")).containsEntry("device_denorm", true);
            assertThat(mapAt(enrichedEventOf("device-2", events), "flags")).containsEntry("device_denorm", false);

            connect.kafka().produce(table, "device-1", "{\"district\":\"Jalandhar\",\"state\":\"Punjab\"}");
            connect.kafka().produce(table, "device-2", "{\"district\":\"Patiala\",\"state\":\"Punjab\"}");
            assertThat(eventuallyEnriched("device-1", "Jalandhar", events)).isTrue();
            assertThat(eventuallyEnriched("device-2", "Patiala", events)).isTrue();
        }
    }

    private Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.egov.telemetry.unbundle.UnbundleSourceConnector");
        config.put("tasks.max", "1");
        config.put("input.topic", input);
        config.put("input.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("output.topic", output);
        config.put("failed.topic", "lookup-failed-" + run);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "enrich");
        config.put("transforms.enrich.type", "org.egov.telemetry.enrich.EnrichTelemetry");
        config.put("transforms.enrich.lookups", "device");
        config.put("transforms.enrich.lookup.device.source", "topic");
        config.put("transforms.enrich.lookup.device.topic", table);
        config.put("transforms.enrich.lookup.device.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("transforms.enrich.lookup.device.key.field", "context.did");
        config.put("transforms.enrich.lookup.device.target.field", "devicedata");
        return config;
    }

    /** Sends one batch with one event of {@code device} and returns that event as written. */
    private Map<String, Object> enrichedEventOf(String device, KafkaConsumer<byte[], byte[]> events) {
        String mid = "INTERACT:" + run + "-" + batches++;
        connect.kafka().produce(input, "batch-" + mid, "{\"mid\":\"batch-" + mid + "\",\"events\":[{\"eid\":\"INTERACT\","
                + "\"ets\":1764300000000,\"mid\":\"" + mid + "\",\"context\":{\"did\":\"" + device + "\"}}]}");
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : events.poll(Duration.ofMillis(200))) {
                if (mid.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    return value(record);
                }
            }
        }
        throw new AssertionError("event " + mid + " was not written within a minute");
    }

    /** Sends events of {@code device} (at most 30, a second apart) until one is enriched with {@code district}. */
    private boolean eventuallyEnriched(String device, String district, KafkaConsumer<byte[], byte[]> events) {
        for (int attempt = 0; attempt < 30; attempt++) {
            Map<String, Object> devicedata = mapAt(enrichedEventOf(device, events), "devicedata");
            if (devicedata != null && district.equals(devicedata.get("district"))) {
                return true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = Map.of("group.id", "it-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed");
        return connect.kafka().createConsumerAndSubscribeTo(props, output);
    }

    private static Map<String, Object> value(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Json.parseObject(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(Map<String, Object> map, String field) {
        return (Map<String, Object>) map.get(field);
    }
}
