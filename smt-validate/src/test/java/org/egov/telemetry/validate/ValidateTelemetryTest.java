package org.egov.telemetry.validate;

import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.egov.telemetry.core.ErrorHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidateTelemetryTest {

    private static Map<String, Object> validBatch() {
        Map<String, Object> batch = new HashMap<>();
        batch.put("id", "ekstep.telemetry");
        batch.put("ver", "3.0");
        batch.put("ets", 1_700_000_000_000L);
        batch.put("mid", "batch-1");
        batch.put("syncts", 1_700_000_000_500L);
        batch.put("events", List.of(Map.of("eid", "START")));
        return batch;
    }

    private static ValidateTelemetry<SourceRecord> smt(String behavior) {
        ValidateTelemetry<SourceRecord> smt = new ValidateTelemetry<>();
        smt.configure(Map.of("behavior.on.invalid", behavior, "failed.topic", "failed"));
        return smt;
    }

    private static SourceRecord record(Object value) {
        return new SourceRecord(null, null, "batches", null, null, "k", null, value, 5L);
    }

    @Test
    void validBatchPassesUnchanged() {
        SourceRecord in = record(validBatch());
        assertThat(smt("route").apply(in)).isSameAs(in);
    }

    @Test
    void sunbirdBatchWithMsgidIsValid() {
        Map<String, Object> batch = validBatch();
        batch.put("params", Map.of("msgid", "abc"));
        SourceRecord in = record(batch);
        assertThat(smt("route").apply(in)).isSameAs(in);
    }

    @Test
    void batchWithoutEventsIsRoutedWithReasonAndPath() {
        Map<String, Object> batch = validBatch();
        batch.remove("events");
        SourceRecord in = record(batch);
        SourceRecord out = smt("route").apply(in);
        assertThat(out.topic()).isEqualTo("failed");
        assertThat(out.value()).isSameAs(batch);
        assertThat(out.key()).isEqualTo("k");
        assertThat(out.headers().lastWithName(ErrorHeaders.STAGE).value()).isEqualTo("validate-batch");
        assertThat(out.headers().lastWithName(ErrorHeaders.REASON).value().toString()).contains("events");
        assertThat(out.headers().lastWithName(ErrorHeaders.PATH).value()).isEqualTo("/events");
        assertThat(in.headers()).isEmpty();
    }

    @Test
    void emptyEventsWrongTypesAndMissingFieldsAreEachReported() {
        Map<String, String> expectedPaths = Map.of(
                "id", "/id", "ver", "/ver", "ets", "/ets", "mid", "/mid", "syncts", "/syncts");
        expectedPaths.forEach((field, path) -> {
            Map<String, Object> batch = validBatch();
            batch.remove(field);
            assertThat(smt("route").apply(record(batch)).headers().lastWithName(ErrorHeaders.PATH).value())
                    .isEqualTo(path);
        });
        Map<String, Object> empty = validBatch();
        empty.put("events", List.of());
        assertThat(smt("route").apply(record(empty)).topic()).isEqualTo("failed");
        Map<String, Object> stringEts = validBatch();
        stringEts.put("ets", "yesterday");
        assertThat(smt("route").apply(record(stringEts)).topic()).isEqualTo("failed");
        Map<String, Object> badMsgid = validBatch();
        badMsgid.put("params", Map.of("msgid", 7));
        assertThat(smt("route").apply(record(badMsgid)).headers().lastWithName(ErrorHeaders.PATH).value())
                .isEqualTo("/params/msgid");
    }

    @Test
    void jsonBytesAndStringsAreValidatedToo() {
        String json = "{\"id\":\"x\",\"ver\":\"3.0\",\"ets\":1,\"mid\":\"m\",\"syncts\":2,\"events\":[{}]}";
        SourceRecord bytes = record(json.getBytes(StandardCharsets.UTF_8));
        assertThat(smt("route").apply(bytes)).isSameAs(bytes);
        assertThat(smt("route").apply(record("{broken")).topic()).isEqualTo("failed");
        assertThat(smt("route").apply(record(42)).topic()).isEqualTo("failed");
        assertThat(smt("route").apply(record(null)).topic()).isEqualTo("failed");
    }

    @Test
    void dropAndFailBehaviours() {
        Map<String, Object> batch = validBatch();
        batch.remove("mid");
        assertThat(smt("drop").apply(record(batch))).isNull();
        assertThatThrownBy(() -> smt("fail").apply(record(batch))).isInstanceOf(DataException.class)
                .hasMessageContaining("mid");
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(ValidateTelemetry.CONFIG_DEF)).isEmpty();
    }
}
