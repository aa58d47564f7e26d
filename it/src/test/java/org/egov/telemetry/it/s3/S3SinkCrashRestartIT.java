package org.egov.telemetry.it.s3;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker running the task goes away mid-file, and later every offset is replayed: the objects rewritten
 * are byte for byte the ones already there, even though the wall clock cut them, and together they hold each
 * record once.
 */
class S3SinkCrashRestartIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private EmbeddedConnectCluster connect;
    private RestartableS3Proxy store;

    @BeforeEach
    void start() {
        connect = SinkClusters.start("s3-sink-crash", 1); // its own cluster: this test removes its worker
        store = RestartableS3Proxy.startWithBucket(Archive.BUCKET);
    }

    @AfterEach
    void stop() {
        store.close();
        connect.stop();
    }

    @Test
    void aRestartAndAFullReplayRewriteTheSameObjectsAndLoseNothing() throws Exception {
        String topic = "crash-" + run;
        String name = "s3-" + topic;
        connect.kafka().createTopic(topic, 1);
        connect.configureConnector(name, SinkConnectors.config(store, topic,
                "flush.size", "1000", "rotate.schedule.interval.ms", "2000"));
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");

        long produced = 0;
        for (int burst : new int[] {17, 23, 11}) {
            for (int i = 0; i < burst; i++) {
                connect.kafka().produce(topic, 0, null, Archive.record(run, 0, produced++, 50));
            }
            long expected = produced;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    Archive.assertTiled(Archive.objectsOf(store, topic, 0), expected));
        }
        for (int i = 0; i < 9; i++) { // a file left open when the worker goes
            connect.kafka().produce(topic, 0, null, Archive.record(run, 0, produced++, 50));
        }
        WorkerHandle worker = connect.workers().iterator().next();
        connect.removeWorker(worker);
        connect.addWorker();
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not restart");
        long total = produced;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Archive.assertTiled(Archive.objectsOf(store, topic, 0), total));

        Map<String, String> before = etags(topic);
        connect.stopConnector(name);
        connect.assertions().assertConnectorIsStopped(name, name + " did not stop");
        connect.resetConnectorOffsets(name);
        connect.resumeConnector(name);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not resume");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(committed(name)).isEqualTo(total));

        Archive.assertTiled(Archive.objectsOf(store, topic, 0), total);
        assertThat(etags(topic)).isEqualTo(before);
    }

    private Map<String, String> etags(String topic) {
        Map<String, String> etags = new HashMap<>();
        for (String key : store.keys(Archive.BUCKET, "topics/" + topic + "/")) {
            etags.put(key, store.etag(Archive.BUCKET, key));
        }
        return etags;
    }

    private long committed(String name) {
        List<ConnectorOffset> offsets = connect.connectorOffsets(name).offsets();
        return offsets.isEmpty() ? -1 : ((Number) offsets.get(0).offset().get("kafka_offset")).longValue();
    }
}
