package org.egov.telemetry.it.support;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Embedded Connect clusters as the local stack runs them: one KRaft broker whose internal topics fit a single
 * node, and workers with exactly-once source support that find the plugins through their service files.
 */
public final class ConnectClusters {

    private ConnectClusters() {
    }

    /**
     * Starts a cluster of {@code workers} workers.
     *
     * @param workerProps settings added to (or replacing) the defaults: {@code exactly.once.source.support=enabled},
     *                    {@code plugin.discovery=service_load}, {@code offset.flush.interval.ms=2000}
     */
    public static EmbeddedConnectCluster start(String name, int workers, Map<String, String> workerProps) {
        Properties broker = new Properties();
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("offsets.topic.replication.factor", "1");
        Map<String, String> worker = new HashMap<>(Map.of(
                "exactly.once.source.support", "enabled",
                "plugin.discovery", "service_load",
                "offset.flush.interval.ms", "2000"));
        worker.putAll(workerProps);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(worker)
                .build();
        connect.start();
        return connect;
    }
}
