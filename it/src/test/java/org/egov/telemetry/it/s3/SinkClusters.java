package org.egov.telemetry.it.s3;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Connect clusters for the S3 sink tests: one shared by the tests that only add connectors and topics, and
 * fresh ones for the tests that remove or add workers.
 */
final class SinkClusters {

    private static EmbeddedConnectCluster shared;

    private SinkClusters() {
    }

    static synchronized EmbeddedConnectCluster shared() {
        if (shared == null) {
            shared = start("s3-sink-it", 1);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "s3-sink-it-stop"));
        }
        return shared;
    }

    /** A cluster of its own, for a test that stops or adds workers; the caller stops it. */
    static EmbeddedConnectCluster start(String name, int workers) {
        Properties broker = new Properties();
        broker.put("offsets.topic.replication.factor", "1");
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("group.initial.rebalance.delay.ms", "0");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(new HashMap<>(Map.of(
                        "plugin.discovery", "service_load",
                        "connector.client.config.override.policy", "All",
                        "offset.flush.interval.ms", "1000",
                        "scheduled.rebalance.max.delay.ms", "1000")))
                .build();
        cluster.start();
        return cluster;
    }
}
