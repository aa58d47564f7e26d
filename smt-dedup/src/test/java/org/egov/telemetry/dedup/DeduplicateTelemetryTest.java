package org.egov.telemetry.dedup;

import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeduplicateTelemetryTest {

    private final AtomicLong nanos = new AtomicLong();

    private DeduplicateTelemetry<SourceRecord> smt(String key) {
        DeduplicateTelemetry<SourceRecord> smt = new DeduplicateTelemetry<>(nanos::get);
        smt.configure(Map.of("key", key, "window.ms", "60000", "memory.max.entries", "100"));
        return smt;
    }

    private static SourceRecord record(Map<String, Object> value) {
        return new SourceRecord(null, null, "batches", null, null, "k", null, value, 1L);
    }

    private static Map<String, Object> digitBatch(String mid, long syncts) {
        Map<String, Object> batch = new HashMap<>();
        batch.put("id", "ekstep.telemetry");
        batch.put("ver", "3.0");
        batch.put("ets", 1L);
        batch.put("events", List.of(Map.of("eid", "START", "mid", "e1")));
        batch.put("mid", mid);
        batch.put("syncts", syncts);
        return batch;
    }

    @Test
    void duplicateBatchIsDroppedWithinWindowDespiteNewMidAndSyncts() {
        DeduplicateTelemetry<SourceRecord> smt = smt("batch_hash");
        assertThat(smt.apply(record(digitBatch("m1", 10)))).isNotNull();
        assertThat(smt.apply(record(digitBatch("m2", 20)))).isNull();
    }

    @Test
    void batchIsAcceptedAgainAfterTheWindow() {
        DeduplicateTelemetry<SourceRecord> smt = smt("batch_hash");
        assertThat(smt.apply(record(digitBatch("m1", 10)))).isNotNull();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertThat(smt.apply(record(digitBatch("m1", 10)))).isNotNull();
    }

    @Test
    void batchHashIgnoresKeyOrder() {
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", 2);
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("y", 2);
        b.put("x", 1);
        assertThat(DedupKeys.BATCH_HASH.keyOf(a, null)).isEqualTo(DedupKeys.BATCH_HASH.keyOf(b, null));
    }

    @Test
    void autoUsesMsgidWhenPresent() {
        DeduplicateTelemetry<SourceRecord> smt = smt("auto");
        Map<String, Object> first = digitBatch("m1", 1);
        first.put("params", Map.of("msgid", "same"));
        Map<String, Object> retried = digitBatch("m2", 2);
        retried.put("params", Map.of("msgid", "same"));
        retried.put("ets", 99L);
        assertThat(smt.apply(record(first))).isNotNull();
        assertThat(smt.apply(record(retried))).isNull();
        assertThat(smt.apply(record(digitBatch("m3", 3)))).isNotNull();
        assertThat(smt.apply(record(digitBatch("m4", 4)))).isNull();
    }

    @Test
    void recordsWithoutTheKeyPassThrough() {
        DeduplicateTelemetry<SourceRecord> smt = smt("msgid");
        assertThat(smt.apply(record(digitBatch("m1", 1)))).isNotNull();
        assertThat(smt.apply(record(digitBatch("m1", 1)))).isNotNull();
        SourceRecord notJson = new SourceRecord(null, null, "t", null, null, null, null, "{oops", 1L);
        assertThat(smt.apply(notJson)).isSameAs(notJson);
    }

    @Test
    void duplicateCanBeRoutedWithItsKeyAndSunbirdFlagLeavingTheInputAlone() {
        DeduplicateTelemetry<SourceRecord> smt = new DeduplicateTelemetry<>(nanos::get);
        smt.configure(Map.of("key", "batch_hash", "behavior.on.duplicate", "route", "duplicate.topic", "dups"));
        Map<String, Object> batch = digitBatch("m1", 1);
        assertThat(smt.apply(record(batch)).topic()).isEqualTo("batches");
        SourceRecord again = record(digitBatch("m2", 2));
        SourceRecord routed = smt.apply(again);
        assertThat(routed.topic()).isEqualTo("dups");
        Map<String, Object> expected = new HashMap<>(digitBatch("m2", 2));
        expected.put("flags", Map.of("pp_duplicate", true));
        assertThat(routed.value()).isEqualTo(expected);
        assertThat(again.value()).isEqualTo(digitBatch("m2", 2));
        assertThat(routed.headers().lastWithName(DeduplicateTelemetry.DUPLICATE_KEY_HEADER).value().toString())
                .startsWith("sha256:");
        assertThat(again.headers()).isEmpty();
    }

    @Test
    void memoryStoreIsBounded() {
        MemoryDedupStore store = new MemoryDedupStore(10, java.time.Duration.ofHours(1), nanos::get);
        for (int i = 0; i < 1000; i++) {
            store.putIfAbsent("k" + i);
        }
        assertThat(store.putIfAbsent("k0")).isTrue();
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(DeduplicateTelemetry.CONFIG_DEF)).isEmpty();
    }
}
