package org.egov.telemetry.it.s3;

import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads what the sink archived and checks it against what was produced. */
final class Archive {

    static final String BUCKET = "it-archive";
    private static final Pattern NAME = Pattern.compile(".*/([^/]+)\\+(\\d+)\\+(\\d+)\\.json(\\.gz)?");

    private Archive() {
    }

    /** A test record: a small batch whose {@code n} is its position in the partition (= its offset). */
    static String record(String run, int partition, long n, int padBytes) {
        return "{\"id\":\"ekstep.telemetry\",\"mid\":\"" + run + "-" + partition + "-" + n + "\",\"p\":" + partition
                + ",\"n\":" + n + ",\"syncts\":1709287200000,\"pad\":\"" + "x".repeat(padBytes) + "\",\"events\":[]}";
    }

    /** The objects of one partition by start offset, each with the {@code n} of its lines. */
    static Map<Long, List<Long>> objectsOf(RestartableS3Proxy store, String topic, int partition) {
        Map<Long, List<Long>> objects = new TreeMap<>();
        for (String key : store.keys(BUCKET, "topics/" + topic + "/")) {
            Matcher name = NAME.matcher(key);
            assertThat(name.matches()).as(key).isTrue();
            if (Integer.parseInt(name.group(2)) != partition) {
                continue;
            }
            List<Long> ns = new ArrayList<>();
            for (String line : store.lines(BUCKET, key)) {
                try {
                    ns.add(((Number) Json.parseObject(line).get("n")).longValue());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            assertThat(objects.put(Long.parseLong(name.group(3)), ns)).as("two objects start at %s", key).isNull();
        }
        return objects;
    }

    /**
     * Every offset 0..count-1 is in exactly one object, and each object holds the consecutive offsets from its
     * start offset on: the objects tile the partition, with neither gaps nor duplicates.
     */
    static void assertTiled(Map<Long, List<Long>> objects, long count) {
        long next = 0;
        for (Map.Entry<Long, List<Long>> object : objects.entrySet()) {
            assertThat(object.getKey()).as("start of the object after offset %s", next - 1).isEqualTo(next);
            for (long n : object.getValue()) {
                assertThat(n).as("line of the object starting at %s", object.getKey()).isEqualTo(next);
                next++;
            }
        }
        assertThat(next).as("offsets archived").isEqualTo(count);
    }

    static long lineCount(Map<Long, List<Long>> objects) {
        return objects.values().stream().mapToLong(List::size).sum();
    }
}
