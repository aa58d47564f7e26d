package org.egov.telemetry.s3;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.connect.sink.SinkRecord;
import org.egov.telemetry.s3.config.S3SinkConnectorConfig;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many partitions of large, poorly compressible records under a small heap: the buffer cap uploads files early
 * instead of running out of memory. Run by its own failsafe execution with {@code -Xmx80m} (see pom.xml).
 * Without the cap each partition would hold 7 records (~170 KB gzipped) before its file is full: ~67 MB for
 * 400 partitions, which this heap cannot hold next to s3proxy (checked by running it with
 * {@code -Ds3.buffer.max.bytes=1073741824}: OutOfMemoryError).
 */
class S3SinkSmallHeapIT {

    private static final String BUCKET = "egov-telemetry-data";
    private static final String TOPIC = "telemetry-deduped-messages";
    private static final int PARTITIONS = 400;
    private static final int RECORDS_PER_PARTITION = 8;
    private static final int RECORD_BYTES = 32 * 1024;
    private static final Pattern COORDINATES = Pattern.compile("^\\{\"p\":(\\d+),\"n\":(\\d+),");

    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = S3ProxyExtension.builder()
            .withCredentials("access", "secret")
            .withBlobStoreProvider("filesystem") // objects on disk, not on this small heap
            .build();

    private S3Client client;
    private S3SinkTask task;

    @BeforeEach
    void createBucket() {
        client = S3Clients.create(new S3SinkConnectorConfig(props()).store());
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        client.close();
    }

    private static Map<String, String> props() {
        Map<String, String> props = new HashMap<>(Records.config(
                "store.url", S3_PROXY.getUri().toString(),
                "aws.access.key.id", S3_PROXY.getAccessKey(),
                "aws.secret.access.key", S3_PROXY.getSecretKey(),
                "flush.size", Integer.toString(RECORDS_PER_PARTITION),
                "rotate.idle.ms", "60000",
                "s3.buffer.max.bytes", Long.toString(Long.getLong("s3.buffer.max.bytes", 24L * 1024 * 1024))));
        return props;
    }

    @Test
    void manyPartitionsOfLargeRecordsFitUnderTheBufferCapAndAreAllArchived() throws IOException, InterruptedException {
        Map<String, String> props = props();
        MutableClock clock = new MutableClock(Instant.parse("2024-03-05T00:00:00Z"));
        task = new S3SinkTask(S3ObjectStore::create, clock, S3SinkTask::uploadThreads);
        task.initialize(new FakeSinkTaskContext(props));
        task.start(props);
        Random random = new Random(42);
        byte[] noise = new byte[RECORD_BYTES * 3 / 4];

        for (int n = 0; n < RECORDS_PER_PARTITION; n++) {
            List<SinkRecord> batch = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                random.nextBytes(noise);
                String json = "{\"p\":" + p + ",\"n\":" + n + ",\"syncts\":" + Records.MARCH_1 + ",\"pad\":\""
                        + Base64.getEncoder().encodeToString(noise) + "\"}";
                batch.add(Records.record(TOPIC, p, n, json.getBytes(StandardCharsets.UTF_8)));
                if (batch.size() == 50) {
                    task.put(batch);
                    batch = new ArrayList<>();
                }
            }
            task.put(batch);
        }
        clock.advance(Duration.ofMinutes(1)); // files cut early by the cap leave a remainder open: idle now
        Map<TopicPartition, OffsetAndMetadata> consumed = Records.consumed(TOPIC, PARTITIONS, RECORDS_PER_PARTITION);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!task.preCommit(consumed).equals(consumed) && System.nanoTime() < deadline) {
            Thread.sleep(10); // the last uploads run in the background
        }
        assertThat(task.preCommit(consumed)).isEqualTo(consumed);
        task.stop();
        task = null;

        Map<Integer, List<Integer>> archived = new TreeMap<>();
        for (S3Object object : client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(BUCKET).key(object.key()));
                 BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher m = COORDINATES.matcher(line);
                    assertThat(m.find()).as(object.key()).isTrue();
                    archived.computeIfAbsent(Integer.parseInt(m.group(1)), p -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
                }
            }
        }
        assertThat(archived).hasSize(PARTITIONS);
        List<Integer> everyOffset = java.util.stream.IntStream.range(0, RECORDS_PER_PARTITION).boxed().toList();
        archived.forEach((p, offsets) -> assertThat(offsets).as("partition %s", p).isEqualTo(everyOffset));
    }
}
