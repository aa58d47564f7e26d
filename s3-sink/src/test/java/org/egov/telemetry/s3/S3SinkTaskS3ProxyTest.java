package org.egov.telemetry.s3;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.s3.config.S3SinkConnectorConfig;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.egov.telemetry.s3.Records.MARCH_1;

/**
 * The task and the S3 client against a real S3-compatible server (s3proxy, in this JVM), one rotation threshold
 * at a time, with a clock the test moves.
 */
class S3SinkTaskS3ProxyTest {

    private static final String BUCKET = "egov-telemetry-data";
    private static final String TOPIC = "telemetry-deduped-messages";
    private static final TopicPartition P2 = new TopicPartition(TOPIC, 2);
    private static final String DIR = "topics/" + TOPIC + "/dt=2024-03-01/" + TOPIC + "+2+";

    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = S3ProxyExtension.builder()
            .withCredentials("access", "secret")
            .withBlobStoreProvider("transient")
            .build();

    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-05T00:00:00Z"));
    private S3Client client;
    private S3SinkTask task;

    private Map<String, String> props(String... config) {
        Map<String, String> props = new HashMap<>(Records.config(
                "store.url", S3_PROXY.getUri().toString(),
                "aws.access.key.id", S3_PROXY.getAccessKey(),
                "aws.secret.access.key", S3_PROXY.getSecretKey()));
        for (int i = 0; i < config.length; i += 2) {
            props.put(config[i], config[i + 1]);
        }
        return props;
    }

    @BeforeEach
    void createBucket() {
        client = S3Clients.create(new S3SinkConnectorConfig(props()).store());
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void closeClient() {
        if (task != null) {
            task.stop();
        }
        client.close();
    }

    private void start(String... config) {
        Map<String, String> props = props(config);
        task = new S3SinkTask(S3ObjectStore::create, clock, name -> CallingThreadExecutorService.direct());
        task.initialize(new FakeSinkTaskContext(props));
        task.start(props);
    }

    private static List<SinkRecord> batches(long from, int count, long syncts) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < from + count; offset++) {
            records.add(Records.batch(TOPIC, 2, offset, syncts));
        }
        return records;
    }

    private List<String> keys() {
        return client.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).sorted().toList();
    }

    private List<String> lines(String key) {
        return Records.gunzipLines(client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray());
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit() {
        return task.preCommit(Map.of(P2, new OffsetAndMetadata(1_000)));
    }

    @Test
    void flushSizeAloneWritesGzippedNdjsonThatReadsBackLineByLine() {
        start("flush.size", "3");

        task.put(batches(0, 4, MARCH_1));

        assertThat(keys()).containsExactly(DIR + "0000000000.json.gz");
        assertThat(lines(DIR + "0000000000.json.gz")).containsExactly(
                "{\"id\":\"ekstep.telemetry\",\"mid\":\"m0\",\"syncts\":" + MARCH_1 + ",\"events\":[]}",
                "{\"id\":\"ekstep.telemetry\",\"mid\":\"m1\",\"syncts\":" + MARCH_1 + ",\"events\":[]}",
                "{\"id\":\"ekstep.telemetry\",\"mid\":\"m2\",\"syncts\":" + MARCH_1 + ",\"events\":[]}");
        assertThat(preCommit()).containsExactly(Map.entry(P2, new OffsetAndMetadata(3)));
    }

    @Test
    void flushSizeBytesAloneCutsFilesByUncompressedSize() {
        int lineBytes = ((byte[]) Records.batch(TOPIC, 2, 0, MARCH_1).value()).length + 1;
        start("flush.size", "1000000", "flush.size.bytes", Integer.toString(2 * lineBytes));

        task.put(batches(0, 5, MARCH_1));

        assertThat(keys()).containsExactly(DIR + "0000000000.json.gz", DIR + "0000000002.json.gz");
        assertThat(lines(DIR + "0000000002.json.gz")).hasSize(2);
        assertThat(preCommit()).containsExactly(Map.entry(P2, new OffsetAndMetadata(4)));
    }

    @Test
    void rotateIntervalAloneCutsByRecordTime() {
        start("flush.size", "1000000", "rotate.interval.ms", "600000");

        task.put(List.of(Records.batch(TOPIC, 2, 0, MARCH_1), Records.batch(TOPIC, 2, 1, MARCH_1 + 599_999),
                Records.batch(TOPIC, 2, 2, MARCH_1 + 600_000)));

        assertThat(keys()).containsExactly(DIR + "0000000000.json.gz");
        assertThat(lines(DIR + "0000000000.json.gz")).hasSize(2);
    }

    @Test
    void rotateScheduleIntervalAloneUploadsWithNoNewData() {
        start("flush.size", "1000000", "rotate.schedule.interval.ms", "600000");
        task.put(batches(0, 2, MARCH_1));
        clock.advance(Duration.ofMinutes(9));
        task.put(List.of());
        assertThat(keys()).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        task.put(List.of());

        assertThat(keys()).containsExactly(DIR + "0000000000.json.gz");
        assertThat(preCommit()).containsExactly(Map.entry(P2, new OffsetAndMetadata(2)));
    }

    @Test
    void rotateIdleAloneUploadsWhenNoRecordArrives() {
        start("flush.size", "1000000", "rotate.idle.ms", "60000");
        task.put(batches(0, 2, MARCH_1));
        clock.advance(Duration.ofSeconds(59));
        task.put(List.of());
        assertThat(keys()).isEmpty();

        clock.advance(Duration.ofSeconds(1));

        assertThat(preCommit()).containsExactly(Map.entry(P2, new OffsetAndMetadata(2)));
        assertThat(keys()).containsExactly(DIR + "0000000000.json.gz");
    }

    @Test
    void aRestartedTaskRewritesARangeTheWallClockCutWithTheSameBoundaries() {
        start("flush.size", "1000000", "rotate.schedule.interval.ms", "600000");
        task.put(batches(0, 3, MARCH_1));
        clock.advance(Duration.ofMinutes(10));
        task.put(batches(3, 2, MARCH_1)); // 0..2 uploaded by the clock, 3..4 open
        String etag = client.headObject(b -> b.bucket(BUCKET).key(DIR + "0000000000.json.gz")).eTag();
        task.stop();

        start("flush.size", "3");
        task.put(batches(0, 6, MARCH_1));

        assertThat(keys()).containsExactly(DIR + "0000000000.json.gz", DIR + "0000000003.json.gz");
        assertThat(client.headObject(b -> b.bucket(BUCKET).key(DIR + "0000000000.json.gz")).eTag()).isEqualTo(etag);
        assertThat(lines(DIR + "0000000003.json.gz")).hasSize(3);
    }

    @Test
    void objectsLargerThanThePartSizeAreUploadedInPartsWithTheirMetadata() {
        int partSize = 5 * 1024 * 1024;
        byte[] content = new byte[2 * partSize + 1234];
        new Random(7).nextBytes(content);
        ChunkedBuffer buffer = new ChunkedBuffer();
        buffer.write(content, 0, content.length);
        S3ObjectStore store = new S3ObjectStore(client, BUCKET, partSize);

        store.put("big.bin", buffer, "application/octet-stream", Map.of("kafka-last-offset", "9"));

        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("big.bin")).asByteArray()).isEqualTo(content);
        assertThat(client.headObject(b -> b.bucket(BUCKET).key("big.bin")).eTag()).contains("-3");
        assertThat(store.metadata("big.bin")).hasValueSatisfying(m -> assertThat(m).containsEntry("kafka-last-offset", "9"));
        assertThat(store.metadata("missing.bin")).isEmpty();
    }

    @Test
    void aGzipLevelIsApplied() {
        start("flush.size", "50", "s3.compression.level", "1");
        task.put(batches(0, 50, MARCH_1));
        long fast = client.headObject(b -> b.bucket(BUCKET).key(DIR + "0000000000.json.gz")).contentLength();
        task.stop();
        client.deleteObject(b -> b.bucket(BUCKET).key(DIR + "0000000000.json.gz"));

        start("flush.size", "50", "s3.compression.level", "0");
        task.put(batches(0, 50, MARCH_1));
        long stored = client.headObject(b -> b.bucket(BUCKET).key(DIR + "0000000000.json.gz")).contentLength();

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        batches(0, 50, MARCH_1).forEach(r -> plain.writeBytes(((String) new String((byte[]) r.value(),
                StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(fast).isLessThan(plain.size());
        assertThat(stored).isGreaterThan(plain.size());
    }
}
