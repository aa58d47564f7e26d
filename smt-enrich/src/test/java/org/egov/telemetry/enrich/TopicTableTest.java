package org.egov.telemetry.enrich;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TopicTableTest {

    private static final TopicPartition TP = new TopicPartition("tenants", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    TopicTableTest() {
        consumer.updatePartitions("tenants", List.of(new PartitionInfo("tenants", 0, Node.noNode(), null, null)));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
    }

    private static ConsumerRecord<byte[], byte[]> entry(long offset, String key, String json) {
        return new ConsumerRecord<>("tenants", 0, offset, key.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    /** MockConsumer forgets records added before assign(), so they are handed over on its first poll. */
    private void onFirstPoll(List<ConsumerRecord<byte[], byte[]>> records) {
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    }

    @Test
    void tableIsLoadedBeforeTheTaskStartsAndFollowsUpdatesAndTombstones() {
        consumer.updateEndOffsets(Map.of(TP, 2L));
        onFirstPoll(List.of(entry(0, "pb.amritsar", "{\"districtName\":\"Amritsar\"}"),
                entry(1, "pb.patiala", "{\"districtName\":\"Patiala\"}")));
        try (TopicTable table = new TopicTable("tenants", consumer, 100, Duration.ofSeconds(30))) {
            table.start("lookup-test");
            assertThat(table.isCaughtUp()).isTrue();
            assertThat(table.get("pb.amritsar")).containsEntry("districtName", "Amritsar");

            consumer.schedulePollTask(() -> {
                consumer.addRecord(entry(2, "pb.amritsar", "{\"districtName\":\"Amritsar (renamed)\"}"));
                consumer.addRecord(entry(3, "pb.patiala", null));
                consumer.addRecord(entry(4, "pb.bad", "not json"));
            });
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(table.get("pb.amritsar")).containsEntry("districtName", "Amritsar (renamed)");
                assertThat(table.get("pb.patiala")).isNull();
                assertThat(table.rejected()).isEqualTo(1);
            });
        }
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void tableHoldsNoMoreThanMaxEntries() {
        consumer.updateEndOffsets(Map.of(TP, 50L));
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(entry(i, "key-" + i, "{\"n\":" + i + "}"));
        }
        onFirstPoll(records);
        try (TopicTable table = new TopicTable("tenants", consumer, 10, Duration.ofSeconds(30))) {
            table.start("lookup-test");
            assertThat(table.isCaughtUp()).isTrue();
            table.get("key-1");
            assertThat(table.size()).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void withoutPluginMetricsTheTableStartsWithTheFirstRecord() {
        consumer.updateEndOffsets(Map.of(TP, 1L));
        onFirstPoll(List.of(entry(0, "device-1", "{\"state\":\"Punjab\"}")));
        EnrichTelemetry<SourceRecord> smt = new EnrichTelemetry<>(config -> consumer);
        smt.configure(Map.of("lookups", "device", "lookup.device.source", "topic",
                "lookup.device.topic", "tenants", "lookup.device.bootstrap.servers", "127.0.0.1:9092",
                "lookup.device.key.field", "context.did", "lookup.device.target.field", "devicedata"));
        try {
            SourceRecord out = smt.apply(new SourceRecord(null, null, "events", null, null, "m", null,
                    Map.of("context", Map.of("did", "device-1")), 1L));
            assertThat(EnrichTelemetryTest.mapAt(EnrichTelemetryTest.valueOf(out), "devicedata"))
                    .containsEntry("state", "Punjab");
        } finally {
            smt.close();
        }
    }

    @Test
    void enrichSmtReadsItsLookupFromATopicAndNamesTheThreadAfterTheConnector() {
        consumer.updateEndOffsets(Map.of(TP, 1L));
        onFirstPoll(List.of(entry(0, "device-1", "{\"state\":\"Punjab\"}")));
        AtomicReference<Map<String, Object>> consumerConfig = new AtomicReference<>();
        EnrichTelemetry<SourceRecord> smt = new EnrichTelemetry<>(config -> {
            consumerConfig.set(config);
            return consumer;
        });
        smt.configure(Map.of("lookups", "device", "lookup.device.source", "topic",
                "lookup.device.topic", "tenants", "lookup.device.bootstrap.servers", "127.0.0.1:9092",
                "lookup.device.consumer.fetch.max.bytes", "1048576",
                "lookup.device.key.field", "context.did", "lookup.device.target.field", "devicedata"));
        try (var metrics = new org.apache.kafka.common.metrics.Metrics()) {
            smt.withPluginMetrics(new org.apache.kafka.common.metrics.internals.PluginMetricsImpl(metrics,
                    new java.util.LinkedHashMap<>(Map.of("connector", "telemetry-unbundle-source"))));
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .contains("telemetry-unbundle-source-task-0-lookup-device");
            SourceRecord out = smt.apply(new SourceRecord(null, null, "events", null, null, "m", null,
                    Map.of("context", Map.of("did", "device-1")), 1L));
            assertThat(EnrichTelemetryTest.mapAt(EnrichTelemetryTest.valueOf(out), "devicedata"))
                    .containsEntry("state", "Punjab");
            assertThat(consumerConfig.get()).containsEntry("bootstrap.servers", "127.0.0.1:9092")
                    .containsEntry("fetch.max.bytes", "1048576").containsEntry("isolation.level", "read_committed")
                    .doesNotContainKey("group.id");
        } finally {
            smt.close();
        }
        assertThat(consumer.closed()).isTrue();
    }
}
