package org.egov.telemetry.it.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.core.ErrorHeaders;
import org.egov.telemetry.core.Json;
import org.egov.telemetry.dedup.DeduplicateTelemetry;
import org.egov.telemetry.dedup.RedisServer;
import org.egov.telemetry.it.support.TestStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.egov.telemetry.it.processing.TopicReader.header;
import static org.egov.telemetry.it.processing.TopicReader.mapAt;
import static org.egov.telemetry.it.processing.TopicReader.value;

/**
 * The unbundle source with two tasks (one per input partition) runs validate(event) → dedup(event mid) with
 * the Redis store: the same batch arriving on both partitions yields each event once, the copies go to the
 * duplicate topic flagged as Sunbird does, and an invalid event goes to the failed topic with its reason.
 */
class EventValidationAndDedupAcrossTasksIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String input = "proc-in-" + run;
    private final String output = "proc-events-" + run;
    private final String failed = "proc-event-failed-" + run;
    private final String duplicates = "proc-event-duplicates-" + run;
    private final String connector = "proc-unbundle-" + run;
    private final EmbeddedConnectCluster connect = TestStack.shared().connect();
    private final RedisServer redis = RedisServer.shared();

    @AfterEach
    void removeConnector() {
        connect.deleteConnector(connector);
    }

    @Test
    void eachEventOnceAcrossTasksWithDuplicatesAndInvalidEventsRoutedWithTheirMarks() throws Exception {
        connect.kafka().createTopic(input, 2);
        for (String topic : List.of(output, failed, duplicates)) {
            connect.kafka().createTopic(topic, 1);
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "org.egov.telemetry.unbundle.UnbundleSourceConnector");
        config.put("tasks.max", "2");
        config.put("input.topic", input);
        config.put("input.bootstrap.servers", connect.kafka().bootstrapServers());
        config.put("output.topic", output);
        config.put("failed.topic", failed);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("transforms", "validate,dedup");
        config.put("transforms.validate.type", "org.egov.telemetry.validate.ValidateTelemetry");
        config.put("transforms.validate.predicate", "isEventTopic");
        config.put("transforms.validate.mode", "event");
        config.put("transforms.validate.profile", "digit");
        config.put("transforms.validate.failed.topic", failed);
        config.put("transforms.dedup.type", "org.egov.telemetry.dedup.DeduplicateTelemetry");
        config.put("transforms.dedup.predicate", "isEventTopic");
        config.put("transforms.dedup.key", "mid");
        config.put("transforms.dedup.store", "redis");
        config.put("transforms.dedup.redis.host", redis.host());
        config.put("transforms.dedup.redis.port", Integer.toString(redis.port()));
        config.put("transforms.dedup.redis.key.prefix", "it-events-" + run + ":");
        config.put("transforms.dedup.behavior.on.duplicate", "route");
        config.put("transforms.dedup.duplicate.topic", duplicates);
        config.put("transforms.dedup.replays.pass", "true");
        config.put("predicates", "isEventTopic");
        config.put("predicates.isEventTopic.type", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches");
        config.put("predicates.isEventTopic.pattern", output);
        connect.configureConnector(connector, config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, 2, connector + " did not start");

        String digit = batch("digit-batch.json", "digit-" + run);
        connect.kafka().produce(input, 0, "digit-" + run, digit);
        connect.kafka().produce(input, 1, "digit-replay-" + run, digit);

        Map<String, Object> sunbird = Json.parseObject(batch("sunbird-batch.json", "sunbird-" + run));
        @SuppressWarnings("unchecked")
        List<Object> events = (List<Object>) sunbird.get("events");
        Map<String, Object> teleport = new HashMap<>(Map.of("eid", "TELEPORT", "ets", 1764300100000L, "ver", "3.0",
                "mid", "TELEPORT:" + run, "edata", Map.of()));
        Map<String, Object> noEts = new HashMap<>(Map.of("eid", "START", "ver", "3.0", "mid", "START:" + run + "-no-ets",
                "edata", Map.of("type", "app")));
        Map<String, Object> blankEid = new HashMap<>(Map.of("eid", " ", "ets", 1764300100000L, "ver", "3.0",
                "mid", "BLANK:" + run, "edata", Map.of()));
        events.add(teleport);
        events.add(noEts);
        events.add(blankEid);
        connect.kafka().produce(input, 0, "sunbird-" + run, Json.toString(sunbird));

        List<String> valid = List.of("START:" + run + "-digit-1", "SUMMARY:" + run + "-digit-2",
                "END:" + run + "-digit-3", "START:" + run + "-sunbird-1", "END:" + run + "-sunbird-2",
                "TELEPORT:" + run);
        List<ConsumerRecord<byte[], byte[]>> written = TopicReader.read(connect.kafka(), output, valid.size());
        assertThat(written).extracting(record -> value(record).get("mid"))
                .containsExactlyInAnyOrderElementsOf(valid);
        assertThat(written).allSatisfy(record -> assertThat(value(record)).doesNotContainKey("flags"));
        // the digit profile lets an eid without a schema through, with the reason on the event
        Map<String, Object> passedTeleport = written.stream().map(TopicReader::value)
                .filter(event -> "TELEPORT".equals(event.get("eid"))).findFirst().orElseThrow();
        assertThat(mapAt(passedTeleport, "metadata")).containsEntry("validation_warnings",
                List.of("/eid: unknown eid 'TELEPORT': no schema for it"));

        List<ConsumerRecord<byte[], byte[]>> routed = TopicReader.read(connect.kafka(), duplicates, 3);
        assertThat(routed).extracting(record -> value(record).get("mid"))
                .containsExactlyInAnyOrderElementsOf(valid.subList(0, 3));
        Map<Object, Map<String, Object>> firstByMid = written.stream().map(TopicReader::value)
                .collect(Collectors.toMap(event -> event.get("mid"), event -> event));
        for (ConsumerRecord<byte[], byte[]> duplicate : routed) {
            Map<String, Object> event = value(duplicate);
            assertThat(mapAt(event, "flags")).containsEntry("pp_duplicate", true);
            assertThat(header(duplicate, DeduplicateTelemetry.DUPLICATE_KEY_HEADER)).isEqualTo("mid:" + event.get("mid"));
            assertThat(event.get("edata")).isEqualTo(firstByMid.get(event.get("mid")).get("edata"));
        }

        List<ConsumerRecord<byte[], byte[]>> invalid = TopicReader.read(connect.kafka(), failed, 2);
        Map<Object, ConsumerRecord<byte[], byte[]>> invalidByMid = invalid.stream()
                .collect(Collectors.toMap(record -> value(record).get("mid"), record -> record));
        assertThat(invalidByMid).containsOnlyKeys("BLANK:" + run, "START:" + run + "-no-ets");
        ConsumerRecord<byte[], byte[]> blank = invalidByMid.get("BLANK:" + run);
        assertThat(header(blank, ErrorHeaders.STAGE)).isEqualTo("validate-event");
        assertThat(header(blank, ErrorHeaders.PATH)).isEqualTo("/eid");
        assertThat(header(blank, ErrorHeaders.REASON)).contains("non-empty string");
        ConsumerRecord<byte[], byte[]> missing = invalidByMid.get("START:" + run + "-no-ets");
        assertThat(header(missing, ErrorHeaders.PATH)).isEqualTo("/ets");
        Map<String, Object> marked = value(missing);
        assertThat(mapAt(marked, "flags")).containsEntry("pp_validation_processed", false);
        assertThat(mapAt(marked, "metadata")).containsEntry("validation_error", header(missing, ErrorHeaders.REASON))
                .containsEntry("src", "validate-event");
        assertThat(mapAt(marked, "edata")).isEqualTo(Map.of("type", "app"));
    }

    private String batch(String sample, String mid) throws Exception {
        try (InputStream in = EventValidationAndDedupAcrossTasksIT.class.getResourceAsStream("/batches/" + sample)) {
            Map<String, Object> batch = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${run}", run));
            batch.put("mid", mid);
            batch.put("syncts", 1764300200000L);
            return Json.toString(batch);
        }
    }
}
