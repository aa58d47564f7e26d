package org.egov.telemetry.it.s3;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A 30 s store outage under load: the sink retries, then archives every record exactly once. */
class S3SinkStoreOutageIT {

    private static final int PARTITIONS = 2;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private EmbeddedConnectCluster connect;
    private RestartableS3Proxy store;

    @BeforeEach
    void start() {
        connect = SinkClusters.shared();
        store = RestartableS3Proxy.startWithBucket(Archive.BUCKET); // its own store: this test stops it
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void aThirtySecondOutageLosesNothingAndDuplicatesNothing() throws Exception {
        String topic = "outage-" + run;
        String name = "s3-" + topic;
        connect.kafka().createTopic(topic, PARTITIONS);
        connect.configureConnector(name, SinkConnectors.config(store, topic,
                "flush.size", "20", "rotate.schedule.interval.ms", "-1", "rotate.idle.ms", "2000",
                "s3.part.retries", "2", "s3.retry.backoff.ms", "100", "retry.backoff.ms", "1000"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");

        long[] produced;
        try (Producer producer = new Producer(connect, topic, run, PARTITIONS, 50)) {
            Thread.sleep(5_000);
            int before = store.keys(Archive.BUCKET, "topics/" + topic).size();
            store.stop();
            Thread.sleep(30_000);
            assertThat(connect.connectorStatus(name).tasks()).as("tasks during the outage")
                    .allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
            store.start();
            Thread.sleep(5_000);
            produced = producer.stop();
            assertThat(before).as("objects uploaded before the outage").isPositive();
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int p = 0; p < PARTITIONS; p++) {
                Archive.assertTiled(Archive.objectsOf(store, topic, p), produced[p]);
            }
        });
        assertThat(connect.connectorStatus(name).tasks()).allSatisfy(t -> assertThat(t.state()).isEqualTo("RUNNING"));
        connect.deleteConnector(name);
    }
}
