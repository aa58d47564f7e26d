package org.egov.telemetry.it.es;

import org.egov.telemetry.core.Json;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Enriched telemetry events as the es-sink reads them from the event topic. */
final class Events {

    private Events() {
    }

    static String event(String mid, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eid", "IMPRESSION");
        event.put("ets", at.toEpochMilli());
        event.put("ver", "3.0");
        event.put("mid", mid);
        event.put("actor", Map.of("id", "user-1", "type", "User"));
        event.put("context", Map.of("channel", "pb.amritsar", "env", "pgr", "did", "device-1",
                "pdata", Map.of("id", "egov.digit.ui", "ver", "1.0")));
        event.put("edata", Map.of("type", "view", "pageid", "complaints", "uri", "/complaints/" + mid));
        event.put("syncts", at.toEpochMilli() + 1000);
        event.put("@timestamp", at.toString());
        return Json.toString(event);
    }

    /** An event whose {@code ets} is text, which an index mapping {@code ets} as a number rejects. */
    static String malformed(String mid) {
        return Json.toString(Map.of("eid", "IMPRESSION", "mid", mid, "ets", "not-a-number"));
    }
}
