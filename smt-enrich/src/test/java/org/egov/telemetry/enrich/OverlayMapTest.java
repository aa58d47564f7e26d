package org.egov.telemetry.enrich;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OverlayMapTest {

    @Test
    void readsThroughWritesBesideAndKeepsTheBaseOrderThenTheAddedOrder() {
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("eid", "START");
        base.put("ets", 1L);
        base.put("flags", Map.of());
        Map<String, Object> overlay = new OverlayMap(base);

        assertThat(overlay.put("@timestamp", "t")).isNull();
        assertThat(overlay.put("ets", 2L)).isEqualTo(1L);
        assertThat(overlay.put("ets", 3L)).isEqualTo(2L);
        assertThat(overlay.put("flags", Map.of("a", true))).isEqualTo(Map.of());
        overlay.put("tenant", "pb");

        assertThat(base).containsExactly(Map.entry("eid", "START"), Map.entry("ets", 1L),
                Map.entry("flags", Map.of()));
        assertThat(new ArrayList<>(overlay.keySet())).containsExactly("eid", "ets", "flags", "@timestamp", "tenant");
        assertThat(overlay).hasSize(5).containsEntry("ets", 3L).containsEntry("flags", Map.of("a", true))
                .containsKey("tenant").doesNotContainKey("missing");
        Map<String, Object> expected = new LinkedHashMap<>(base);
        expected.putAll(Map.of("ets", 3L, "flags", Map.of("a", true), "@timestamp", "t", "tenant", "pb"));
        assertThat(overlay).isEqualTo(expected);
        assertThat(overlay.hashCode()).isEqualTo(expected.hashCode());
    }

    @Test
    void entriesCannotChangeTheBaseAndKeysCannotBeRemoved() {
        Map<String, Object> base = new LinkedHashMap<>(Map.of("eid", "END"));
        Map<String, Object> overlay = new OverlayMap(base);

        List<Map.Entry<String, Object>> entries = new ArrayList<>(overlay.entrySet());
        assertThatThrownBy(() -> entries.get(0).setValue("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> overlay.remove("eid")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(base).containsEntry("eid", "END");
    }
}
