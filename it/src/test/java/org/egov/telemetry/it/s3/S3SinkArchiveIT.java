package org.egov.telemetry.it.s3;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The S3 sink in a Connect worker on s3proxy: gzip NDJSON, idle files, the dead letter queue. */
class S3SinkArchiveIT {

    private static EmbeddedConnectCluster connect;
    private static RestartableS3Proxy store;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() {
        connect = SinkClusters.shared();
        store = RestartableS3Proxy.startWithBucket(Archive.BUCKET);
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    private String startSink(String topic, String... overrides) throws InterruptedException {
        connect.kafka().createTopic(topic, 1);
        String name = "s3-" + topic;
        connect.configureConnector(name, SinkConnectors.config(store, topic, overrides));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
        return name;
    }

    @Test
    void gzippedObjectsReadBackLineByLineAsTheRecordsWereProduced() throws Exception {
        String topic = "gzip-" + run;
        String name = startSink(topic, "flush.size", "10", "rotate.schedule.interval.ms", "-1");
        List<String> produced = new ArrayList<>();
        for (int n = 0; n < 25; n++) {
            produced.add(Archive.record(run, 0, n, 100));
            connect.kafka().produce(topic, 0, null, produced.get(n));
        }

        String prefix = "topics/" + topic + "/dt=2024-03-01/" + topic + "+0+";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(store.keys(Archive.BUCKET, "topics/" + topic))
                .containsExactly(prefix + "0000000000.json.gz", prefix + "0000000010.json.gz"));
        assertThat(store.lines(Archive.BUCKET, prefix + "0000000000.json.gz")).containsExactlyElementsOf(produced.subList(0, 10));
        assertThat(store.lines(Archive.BUCKET, prefix + "0000000010.json.gz")).containsExactlyElementsOf(produced.subList(10, 20));
        connect.deleteConnector(name);
    }

    @Test
    void anIdleFileIsUploadedWithNoNewDataEvenWithRecordTimeRotation() throws Exception {
        String topic = "idle-" + run;
        String name = startSink(topic, "flush.size", "1000", "rotate.schedule.interval.ms", "-1",
                "rotate.interval.ms", "3600000", "rotate.idle.ms", "3000");
        for (int n = 0; n < 3; n++) {
            connect.kafka().produce(topic, 0, null, Archive.record(run, 0, n, 10));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                Archive.assertTiled(Archive.objectsOf(store, topic, 0), 3));
        connect.deleteConnector(name);
    }

    @Test
    void aRecordThatIsNotJsonGoesToTheDeadLetterQueueAndTheOthersToS3() throws Exception {
        String topic = "dlq-" + run;
        String dlq = topic + "-dlq";
        // the shipped config writes bytes through unread; the check is what sends non-JSON to the queue
        String name = startSink(topic, "flush.size", "3", "rotate.schedule.interval.ms", "-1",
                "value.json.check", "true", "errors.tolerance", "all", "errors.deadletterqueue.topic.name", dlq,
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true");
        connect.kafka().produce(topic, 0, null, Archive.record(run, 0, 0, 10));
        connect.kafka().produce(topic, 0, null, "{\"broken\": ");
        connect.kafka().produce(topic, 0, null, Archive.record(run, 0, 1, 10));
        connect.kafka().produce(topic, 0, null, Archive.record(run, 0, 2, 10));

        String key = "topics/" + topic + "/dt=2024-03-01/" + topic + "+0+0000000000.json.gz";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(store.keys(Archive.BUCKET, "topics/" + topic)).containsExactly(key));
        assertThat(store.lines(Archive.BUCKET, key)).containsExactly(Archive.record(run, 0, 0, 10),
                Archive.record(run, 0, 1, 10), Archive.record(run, 0, 2, 10));
        ConsumerRecords<byte[], byte[]> deadLetters = connect.kafka().consume(1, 30_000, dlq);
        assertThat(deadLetters.records(dlq)).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"broken\": ");
            assertThat(record.headers().lastHeader("__connect.errors.topic").value()).asString(StandardCharsets.UTF_8)
                    .isEqualTo(topic);
        });
        assertThat(connect.connectorStatus(name).tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        connect.deleteConnector(name);
    }

}
