package org.egov.telemetry.bench.edge;

import java.util.concurrent.ThreadLocalRandom;

/** Realistic DIGIT-style batches: 10 events, about 5 KB of JSON. */
public final class Batches {

    public static final int EVENTS = 10;
    private static final String[] EIDS = {"START", "IMPRESSION", "INTERACT", "INTERACT", "INTERACT", "IMPRESSION",
        "INTERACT", "LOG", "SUMMARY", "END"};

    private Batches() {
    }

    public static String batch(String msgid) {
        long now = System.currentTimeMillis();
        StringBuilder json = new StringBuilder(5600);
        json.append("{\"id\":\"api.sunbird.telemetry\",\"ver\":\"3.0\",\"params\":{\"msgid\":\"").append(msgid)
                .append("\"},\"ets\":").append(now).append(",\"events\":[");
        for (int i = 0; i < EVENTS; i++) {
            if (i > 0) {
                json.append(',');
            }
            long ets = now - (EVENTS - i) * 1000L;
            json.append("{\"eid\":\"").append(EIDS[i]).append("\",\"ets\":").append(ets)
                    .append(",\"ver\":\"3.0\",\"mid\":\"").append(EIDS[i]).append(':').append(msgid).append('-')
                    .append(i).append("\",\"actor\":{\"id\":\"").append(ThreadLocalRandom.current().nextInt(1_000_000))
                    .append("\",\"type\":\"User\"},\"context\":{\"channel\":\"pb.amritsar\",\"pdata\":{\"id\":"
                            + "\"egov.digit.ui\",\"ver\":\"1.12.0\",\"pid\":\"citizen\"},\"env\":\"pgr\",\"sid\":\"")
                    .append(msgid, 0, 8).append("\",\"did\":\"bench-device\",\"cdata\":[]},\"edata\":{\"type\":\"view\","
                            + "\"pageid\":\"complaints-create\",\"url\":\"https://amritsar.example.org/"
                            + "digit-ui/citizen/pgr/create-complaint\",\"userAgent\":\"Mozilla/5.0 (Linux; Android 13) "
                            + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36\","
                            + "\"cityId\":\"pb.amritsar\",\"duration\":").append(i).append("}}");
        }
        return json.append("]}").toString();
    }
}
