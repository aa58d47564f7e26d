package org.egov.telemetry.enrich;

import org.apache.kafka.connect.source.SourceRecord;
import org.egov.telemetry.core.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnrichTelemetryTest {

    private static EnrichTelemetry<SourceRecord> smt(Map<String, String> props) {
        EnrichTelemetry<SourceRecord> smt = new EnrichTelemetry<>();
        smt.configure(props);
        return smt;
    }

    private static SourceRecord record(Object value) {
        return new SourceRecord(null, null, "events", null, null, "mid-1", null, value, 1L);
    }

    @Test
    void timestampIsMadeFromEtsInDigitFormat() {
        Map<String, Object> event = Map.of("eid", "START", "ets", 1_700_000_000_123L, "syncts", 1_800_000_000_000L);
        SourceRecord out = smt(Map.of()).apply(record(event));
        assertThat(valueOf(out)).containsEntry("@timestamp", "2023-11-14T22:13:20.123Z")
                .containsEntry("eid", "START");
        assertThat(event).doesNotContainKey("@timestamp");
        assertThat(out.key()).isEqualTo("mid-1");
    }

    @Test
    void timestampCanComeFromSyncts() {
        SourceRecord out = smt(Map.of("timestamp.source", "syncts"))
                .apply(record(Map.of("ets", 0L, "syncts", 1_700_000_000_000L)));
        assertThat(valueOf(out)).containsEntry("@timestamp", "2023-11-14T22:13:20.000Z");
    }

    @Test
    void eventWithoutEtsOrNotJsonIsLeftAlone() {
        SourceRecord noEts = record(Map.of("eid", "END"));
        assertThat(smt(Map.of()).apply(noEts)).isSameAs(noEts);
        SourceRecord text = record("not json");
        assertThat(smt(Map.of()).apply(text)).isSameAs(text);
        SourceRecord stringEts = record(Map.of("ets", "1700000000000"));
        assertThat(valueOf(smt(Map.of()).apply(stringEts))).containsKey("@timestamp");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> valueOf(SourceRecord record) {
        return (Map<String, Object>) record.value();
    }

    @Test
    void everyConfigKeyIsDocumented() {
        assertThat(ConfigDocs.undocumentedKeys(EnrichTelemetry.CONFIG_DEF)).isEmpty();
    }
}
