package org.egov.telemetry.s3;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.s3.config.StoreConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Builders of sink records and readers of written objects, shared by the tests. */
final class Records {

    /** 2024-03-01T10:00:00Z */
    static final long MARCH_1 = 1_709_287_200_000L;
    static final long DAY = 24 * 60 * 60 * 1000L;

    private Records() {
    }

    /** A JSON batch as bytes with the given syncts. */
    static SinkRecord batch(String topic, int partition, long offset, long syncts) {
        String json = "{\"id\":\"ekstep.telemetry\",\"mid\":\"m" + offset + "\",\"syncts\":" + syncts + ",\"events\":[]}";
        return record(topic, partition, offset, json.getBytes(StandardCharsets.UTF_8));
    }

    static SinkRecord record(String topic, int partition, long offset, Object value) {
        return new SinkRecord(topic, partition, null, null, null, value, offset, null, TimestampType.NO_TIMESTAMP_TYPE);
    }

    static Map<String, String> config(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", S3SinkConnector.class.getName());
        config.put("topics", "telemetry-deduped-messages");
        config.put(StoreConfig.S3_BUCKET_NAME, "egov-telemetry-data");
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    static Map<TopicPartition, OffsetAndMetadata> consumed(String topic, int partitions, long offset) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(offset));
        }
        return offsets;
    }

    static List<String> gunzipLines(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return lines(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(byte[] ndjson) {
        String text = new String(ndjson, StandardCharsets.UTF_8);
        if (!text.endsWith("\n")) {
            throw new AssertionError("NDJSON must end with a newline: " + text);
        }
        return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }
}
