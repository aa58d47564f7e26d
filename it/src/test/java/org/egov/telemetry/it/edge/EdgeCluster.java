package org.egov.telemetry.it.edge;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.egov.telemetry.it.support.ConnectClusters;
import org.egov.telemetry.it.support.ConnectorFiles;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Connect cluster of the edge tests' own (one KRaft broker, one worker with exactly-once source
 * support, as the shared stack has), for what the shared one must not see: a stopped broker, config providers.
 */
final class EdgeCluster {

    static final String HTTP_SOURCE = "telemetry-http-source";

    private EdgeCluster() {
    }

    static EmbeddedConnectCluster start(String name, Map<String, String> extraWorkerProps) {
        return ConnectClusters.start(name, 1, extraWorkerProps);
    }

    /**
     * The config of {@code connectors/telemetry-http-source.json} with its topics renamed to
     * {@code <prefix>-batches|-failed|-duplicates} (created here), listening on 127.0.0.1:{@code port}.
     */
    static Map<String, String> httpSource(EmbeddedConnectCluster connect, String prefix, int port) {
        String batches = prefix + "-batches";
        for (String topic : List.of(batches, prefix + "-failed", prefix + "-duplicates")) {
            connect.kafka().createTopic(topic, 1);
        }
        return new HashMap<>(ConnectorFiles.config(HTTP_SOURCE, Map.of(
                "topic", batches,
                "http.bind.address", "127.0.0.1",
                "http.port", Integer.toString(port),
                "transforms.validate.failed.topic", prefix + "-failed",
                "transforms.dedup.duplicate.topic", prefix + "-duplicates",
                "predicates.isBatchTopic.pattern", batches)));
    }
}
