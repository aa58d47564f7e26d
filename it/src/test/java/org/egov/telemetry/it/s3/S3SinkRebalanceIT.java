package org.egov.telemetry.it.s3;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Two tasks, and a second worker joining under load: partitions move, every record is archived once. */
class S3SinkRebalanceIT {

    private static final int PARTITIONS = 4;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private EmbeddedConnectCluster connect;
    private RestartableS3Proxy store;

    @BeforeEach
    void start() {
        connect = SinkClusters.start("s3-sink-rebalance", 1); // its own cluster: this test adds a worker
        store = RestartableS3Proxy.startWithBucket(Archive.BUCKET);
    }

    @AfterEach
    void stop() {
        store.close();
        connect.stop();
    }

    @Test
    void partitionsMovingBetweenTwoTasksAreArchivedOnceEach() throws Exception {
        String topic = "rebalance-" + run;
        String name = "s3-" + topic;
        connect.kafka().createTopic(topic, PARTITIONS);
        connect.configureConnector(name, SinkConnectors.config(store, topic, "tasks.max", "2",
                "flush.size", "15", "rotate.schedule.interval.ms", "-1", "rotate.idle.ms", "2000",
                "consumer.override.partition.assignment.strategy",
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, name + " did not start");

        long[] produced;
        try (Producer producer = new Producer(connect, topic, run, PARTITIONS, 30)) {
            Thread.sleep(4_000);
            connect.addWorker(); // one task moves to the new worker: its partitions are revoked and reassigned
            Thread.sleep(8_000);
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 2, name + " lost a task");
            produced = producer.stop();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (int p = 0; p < PARTITIONS; p++) {
                Archive.assertTiled(Archive.objectsOf(store, topic, p), produced[p]);
            }
        });
    }
}
