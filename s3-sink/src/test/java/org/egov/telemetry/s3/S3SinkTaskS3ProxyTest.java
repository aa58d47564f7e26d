package org.egov.telemetry.s3;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.egov.telemetry.s3.Records.MARCH_1;

/** The task and the S3 client against a real S3-compatible server (s3proxy, in this JVM). */
class S3SinkTaskS3ProxyTest {

    private static final String BUCKET = "egov-telemetry-data";
    private static final String TOPIC = "telemetry-deduped-messages";

    @RegisterExtension
    static final S3ProxyExtension S3_PROXY = S3ProxyExtension.builder()
            .withCredentials("access", "secret")
            .withBlobStoreProvider("transient")
            .build();

    private Map<String, String> props;
    private S3Client client;

    @BeforeEach
    void createBucket() {
        props = Records.config(
                "store.url", S3_PROXY.getUri().toString(),
                "aws.access.key.id", S3_PROXY.getAccessKey(),
                "aws.secret.access.key", S3_PROXY.getSecretKey(),
                "flush.size", "3");
        client = S3ObjectStore.client(new S3SinkConnectorConfig(props));
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void taskWritesGzippedNdjsonObjectsAndCommitsTheirOffsets() {
        S3SinkTask task = new S3SinkTask();
        task.initialize(new FakeSinkTaskContext(props));
        task.start(props);
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = 0; offset < 4; offset++) {
            records.add(Records.batch(TOPIC, 2, offset, MARCH_1));
        }

        task.put(records);
        Map<TopicPartition, OffsetAndMetadata> committable =
                task.preCommit(Map.of(new TopicPartition(TOPIC, 2), new OffsetAndMetadata(4)));
        task.stop();

        String key = "topics/" + TOPIC + "/dt=2024-03-01/" + TOPIC + "+2+0000000000.json.gz";
        assertThat(client.listObjectsV2(b -> b.bucket(BUCKET)).contents()).extracting(S3Object::key).containsExactly(key);
        byte[] gzip = client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
        assertThat(Records.gunzipLines(gzip)).containsExactly(
                "{\"id\":\"ekstep.telemetry\",\"mid\":\"m0\",\"syncts\":" + MARCH_1 + ",\"events\":[]}",
                "{\"id\":\"ekstep.telemetry\",\"mid\":\"m1\",\"syncts\":" + MARCH_1 + ",\"events\":[]}",
                "{\"id\":\"ekstep.telemetry\",\"mid\":\"m2\",\"syncts\":" + MARCH_1 + ",\"events\":[]}");
        assertThat(committable).containsExactly(Map.entry(new TopicPartition(TOPIC, 2), new OffsetAndMetadata(3)));
    }

    @Test
    void objectsLargerThanThePartSizeAreUploadedInParts() {
        int partSize = S3SinkConnectorConfig.MIN_PART_SIZE;
        byte[] content = new byte[2 * partSize + 1234];
        new Random(7).nextBytes(content);
        S3ObjectStore store = new S3ObjectStore(client, BUCKET, partSize);

        store.put("big.bin", content, "application/octet-stream");

        assertThat(client.getObjectAsBytes(b -> b.bucket(BUCKET).key("big.bin")).asByteArray()).isEqualTo(content);
        assertThat(client.headObject(b -> b.bucket(BUCKET).key("big.bin")).eTag()).contains("-3");
    }
}
