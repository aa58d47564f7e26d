package org.egov.telemetry.dedup;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys, producer include-list, flags, store errors and metrics, on the memory store or a fake store. */
class DedupBehaviourTest {

    private static DeduplicateTelemetry<SourceRecord> smt(String... props) {
        DeduplicateTelemetry<SourceRecord> smt = new DeduplicateTelemetry<>();
        smt.configure(props(props));
        return smt;
    }

    private static Map<String, String> props(String... props) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < props.length; i += 2) {
            map.put(props[i], props[i + 1]);
        }
        return map;
    }

    private static SourceRecord record(Object value) {
        return new SourceRecord(null, null, "events", 0, null, "k", null, value, 1L);
    }

    private static Map<String, Object> event(String mid, String producer) {
        Map<String, Object> event = new HashMap<>();
        event.put("eid", "START");
        event.put("mid", mid);
        event.put("context", Map.of("sid", "session-" + mid, "pdata", Map.of("id", producer)));
        event.put("edata", Map.of("type", "app"));
        return event;
    }

    @Test
    void eventsAreDeduplicatedByMid() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid");
        assertThat(smt.apply(record(event("e1", "p")))).isNotNull();
        assertThat(smt.apply(record(event("e2", "p")))).isNotNull();
        assertThat(smt.apply(record(event("e1", "other")))).isNull();
    }

    @Test
    void anyFieldPathCanBeTheKey() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "field", "key.field", "context.sid");
        assertThat(smt.apply(record(event("e1", "p")))).isNotNull();
        assertThat(smt.apply(record(event("e1", "q")))).isNull();
        Map<String, Object> noSid = event("e3", "p");
        noSid.put("context", Map.of());
        assertThat(smt.apply(record(noSid))).isNotNull();
        assertThat(smt.apply(record(noSid))).as("without the field, nothing is checked").isNotNull();
    }

    @Test
    void fieldKeyWithoutAFieldIsAConfigErrorOnKeyField() {
        assertThatThrownBy(() -> smt("key", "field"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key.field");
    }

    @Test
    void onlyIncludedProducersAreChecked() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid", "producers.include", "egov.digit.ui,sunbird.portal");
        assertThat(smt.apply(record(event("e1", "sunbird.portal")))).isNotNull();
        assertThat(smt.apply(record(event("e1", "sunbird.portal")))).isNull();
        assertThat(smt.apply(record(event("e2", "someone.else")))).isNotNull();
        assertThat(smt.apply(record(event("e2", "someone.else")))).isNotNull();
        Map<String, Object> noProducer = event("e3", "x");
        noProducer.remove("context");
        assertThat(smt.apply(record(noProducer))).isNotNull();
        assertThat(smt.apply(record(noProducer))).isNotNull();
    }

    @Test
    void batchProducerCanBeMatchedOnPid() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid", "producers.include", "egov.digit.ui",
                "producer.field", "pid");
        Map<String, Object> batch = new HashMap<>(Map.of("mid", "b1", "pid", "egov.digit.ui"));
        assertThat(smt.apply(record(batch))).isNotNull();
        assertThat(smt.apply(record(batch))).isNull();
    }

    @Test
    void routedDuplicateGetsTheConfiguredFlagAndKeepsOtherFlags() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid", "behavior.on.duplicate", "route",
                "duplicate.topic", "dups", "duplicate.flag", "dd_duplicate_event");
        Map<String, Object> event = event("e1", "p");
        event.put("flags", Map.of("pp_validation_processed", true));
        smt.apply(record(event));
        SourceRecord routed = smt.apply(record(event));
        assertThat(routed.topic()).isEqualTo("dups");
        @SuppressWarnings("unchecked")
        Map<String, Object> flags = (Map<String, Object>) ((Map<String, Object>) routed.value()).get("flags");
        assertThat(flags).containsEntry("dd_duplicate_event", true).containsEntry("pp_validation_processed", true);
        assertThat(event.get("flags")).isEqualTo(Map.of("pp_validation_processed", true));
    }

    @Test
    void routedDuplicateThatIsNotAMapOrHasNoFlagIsRoutedAsItCame() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid", "behavior.on.duplicate", "route");
        String json = "{\"mid\":\"e1\"}";
        smt.apply(record(json));
        SourceRecord routed = smt.apply(record(json));
        assertThat(routed.topic()).isEqualTo("telemetry-duplicate-messages");
        assertThat(routed.value()).isSameAs(json);

        DeduplicateTelemetry<SourceRecord> noFlag = smt("key", "mid", "behavior.on.duplicate", "route",
                "duplicate.flag", "");
        Map<String, Object> event = event("e1", "p");
        noFlag.apply(record(event));
        assertThat(noFlag.apply(record(event)).value()).isSameAs(event);
    }

    @Test
    void veryLongKeysAreStoredAsTheirHash() {
        StringBuilder mid = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            mid.append('x');
        }
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid", "behavior.on.duplicate", "route");
        smt.apply(record(event(mid.toString(), "p")));
        SourceRecord routed = smt.apply(record(event(mid.toString(), "p")));
        String key = routed.headers().lastWithName(DeduplicateTelemetry.DUPLICATE_KEY_HEADER).value().toString();
        assertThat(key).startsWith("long:").hasSizeLessThan(DeduplicateTelemetry.MAX_KEY_LENGTH);
    }

    @Test
    void storeErrorLetsTheRecordPassOrThrowsRetriableAsConfigured() {
        AtomicBoolean down = new AtomicBoolean(true);
        SeenStore flaky = new SeenStore() {
            @Override
            public String putIfAbsent(String key, String origin) {
                if (down.get()) {
                    throw new StoreUnavailableException("down", null);
                }
                return null;
            }

            @Override
            public void close() {
            }
        };
        DeduplicateTelemetry<SourceRecord> pass = new DeduplicateTelemetry<>(() -> 0L, config -> flaky);
        pass.configure(props("key", "mid", "store", "redis"));
        SourceRecord in = record(event("e1", "p"));
        assertThat(pass.apply(in)).isSameAs(in);

        DeduplicateTelemetry<SourceRecord> fail = new DeduplicateTelemetry<>(() -> 0L, config -> flaky);
        fail.configure(props("key", "mid", "store", "redis", "behavior.on.store.error", "fail"));
        assertThatThrownBy(() -> fail.apply(in)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("topic events partition 0");
        down.set(false);
        assertThat(fail.apply(in)).as("the retried record goes through once the store answers").isSameAs(in);
    }

    private static SourceRecord at(long offset, Map<String, Object> value) {
        return new SourceRecord(Map.of("topic", "batches", "partition", 0), Map.of("offset", offset),
                "events", 0, null, "k", null, value, 1L);
    }

    @Test
    void replayFromTheSamePositionPassesWhenReplaysPassIsOn() {
        DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid", "replays.pass", "true");
        assertThat(smt.apply(at(7, event("e1", "p")))).isNotNull();
        assertThat(smt.apply(at(7, event("e1", "p")))).as("the same input record again").isNotNull();
        assertThat(smt.apply(at(8, event("e1", "p")))).as("the same event in another batch").isNull();
        assertThat(smt.apply(record(event("e1", "p")))).as("a record without a source position").isNull();

        DeduplicateTelemetry<SourceRecord> off = smt("key", "mid");
        assertThat(off.apply(at(7, event("e1", "p")))).isNotNull();
        assertThat(off.apply(at(7, event("e1", "p")))).isNull();
    }

    @Test
    void decisionsAreCountedInPluginMetrics() throws Exception {
        try (Metrics metrics = new Metrics();
             PluginMetricsImpl plugin = new PluginMetricsImpl(metrics, Map.of("connector", "c", "task", "0"))) {
            DeduplicateTelemetry<SourceRecord> smt = smt("key", "mid");
            smt.withPluginMetrics(plugin);
            smt.apply(record(event("e1", "p")));
            smt.apply(record(event("e1", "p")));
            smt.apply(record(event("e1", "p")));
            smt.apply(record("{not json"));
            assertThat(total(metrics, "unique-records-total")).isEqualTo(1.0);
            assertThat(total(metrics, "duplicate-records-total")).isEqualTo(2.0);
            assertThat(total(metrics, "unchecked-records-total")).isEqualTo(1.0);
            assertThat(total(metrics, "store-errors-total")).isEqualTo(0.0);
        }
    }

    @Test
    void twoTasksOnOneWorkerKeepTheirOwnCounts() throws Exception {
        try (Metrics metrics = new Metrics();
             PluginMetricsImpl task0 = new PluginMetricsImpl(metrics, Map.of("connector", "c", "task", "0"));
             PluginMetricsImpl task1 = new PluginMetricsImpl(metrics, Map.of("connector", "c", "task", "1"))) {
            DeduplicateTelemetry<SourceRecord> first = smt("key", "mid");
            DeduplicateTelemetry<SourceRecord> second = smt("key", "mid");
            first.withPluginMetrics(task0);
            second.withPluginMetrics(task1);
            first.apply(record(event("e1", "p")));
            first.apply(record(event("e2", "p")));
            second.apply(record(event("e3", "p")));
            assertThat(metrics.metrics().entrySet()).filteredOn(e -> e.getKey().name().equals("unique-records-total"))
                    .extracting(e -> e.getKey().tags().get("task") + "=" + e.getValue().metricValue())
                    .containsExactlyInAnyOrder("0=2.0", "1=1.0");
        }
    }

    static double total(Metrics metrics, String name) {
        return metrics.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .map(e -> (double) e.getValue().metricValue()).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }
}
