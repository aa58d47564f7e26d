package org.egov.telemetry.http;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BatchStampTest {

    private static Map<String, Object> body(Object... keyValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            body.put((String) keyValues[i], keyValues[i + 1]);
        }
        return body;
    }

    @Test
    void theServersFieldsComeFirstAndHeadersWin() {
        Map<String, Object> batch = body("id", "ekstep.telemetry", "events", List.of(), "did", "from-body",
                "syncts", 1L, "mid", "batch-1", "pid", "body-pid");

        Map<String, Object> stamped = BatchStamp.stamp(batch, "device-7", "pb.amritsar", null, "Mozilla/5.0 (X11)", 42L);

        assertThat(stamped.keySet()).containsExactly("syncts", "mid", "did", "channel", "useragent", "id", "events",
                "pid");
        assertThat(stamped).containsEntry("syncts", 42L).containsEntry("mid", "batch-1")
                .containsEntry("did", "device-7").containsEntry("channel", "pb.amritsar")
                .containsEntry("pid", "body-pid").containsEntry("useragent", "Mozilla/5.0 (X11)");
    }

    @Test
    void aMissingOrBlankMidIsReplacedByAFreshOne() {
        Map<String, Object> first = BatchStamp.stamp(body("mid", " ", "events", List.of()), null, null, null, null, 1L);
        Map<String, Object> second = BatchStamp.stamp(body("mid", 7, "events", List.of()), null, null, null, null, 1L);

        assertThat(first.get("mid")).isInstanceOf(String.class).isNotEqualTo(" ").isNotEqualTo(second.get("mid"));
        assertThat(second.get("mid")).isInstanceOf(String.class);
        assertThat(first.keySet()).containsExactly("syncts", "mid", "events");
    }
}
