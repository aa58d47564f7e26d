package org.egov.telemetry.bench.unbundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** DIGIT-like batches and the tenant table the benchmarks of this package feed the chain with. */
final class SampleTelemetry {

    static final String USER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private SampleTelemetry() {
    }

    /** One DIGIT event; {@code mid} makes it unique. */
    static String event(String mid) {
        return "{\"eid\":\"INTERACT\",\"ets\":1764300000000,\"ver\":\"3.0\",\"mid\":\"" + mid + "\","
                + "\"actor\":{\"id\":\"8c2f1e0a-user\",\"type\":\"User\"},"
                + "\"context\":{\"channel\":\"pb.amritsar\",\"pdata\":{\"id\":\"egov.digit.ui\",\"ver\":\"1.0\","
                + "\"pid\":\"citizen\"},\"env\":\"pgr\",\"sid\":\"sess-1\",\"did\":\"device-1\",\"cdata\":[],\"rollup\":{}},"
                + "\"object\":{},\"tags\":[],\"edata\":{\"type\":\"CLICK\",\"id\":\"submit\",\"pageid\":\"complaints\","
                + "\"url\":\"https://amritsar.example.org/digit-ui/citizen/pgr/complaints\",\"userAgent\":\""
                + USER_AGENT + "\",\"cityId\":\"pb.amritsar\"}}";
    }

    /** A batch of {@code events} events as the HTTP edge writes it (mid, syncts, did, channel, pid set). */
    static String batch(String mid, int events) {
        StringBuilder json = new StringBuilder("{\"id\":\"ekstep.telemetry\",\"ver\":\"3.0\",\"ets\":1764300000000,")
                .append("\"mid\":\"").append(mid).append("\",\"syncts\":1764300000500,\"did\":\"device-1\",")
                .append("\"channel\":\"pb.amritsar\",\"pid\":\"egov.digit.ui\",\"events\":[");
        for (int i = 0; i < events; i++) {
            json.append(i == 0 ? "" : ",").append(event(mid + "-" + i));
        }
        return json.append("]}").toString();
    }

    static byte[] batchBytes(String mid, int events) {
        return batch(mid, events).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes a small tenant table to a temporary file and returns its path. */
    static Path tenantTable() {
        try {
            Path file = Files.createTempFile("bench-tenants", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, "{\"pb.amritsar\":{\"stateName\":\"Punjab\",\"districtName\":\"Amritsar\"},"
                    + "\"pb.patiala\":{\"stateName\":\"Punjab\",\"districtName\":\"Patiala\"}}");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
