package org.egov.telemetry.it.support;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The servers every integration test shares, started once per JVM: a Kafka broker and a Connect worker
 * with exactly-once source support ({@link EmbeddedConnectCluster}), s3proxy and an OpenSearch node, and
 * the pipeline of {@code connectors/} registered on them.
 */
public final class TestStack {

    public static final String BATCH_TOPIC = "telemetry-deduped-messages";
    public static final String EVENT_TOPIC = "telemetry-enriched-messages";
    public static final String FAILED_TOPIC = "telemetry-failed-messages";
    public static final String DUPLICATE_TOPIC = "telemetry-duplicate-messages";
    public static final String BUCKET = "egov-telemetry-data";
    public static final String INDEX = "telemetryindex-v1";

    public static final String HTTP_SOURCE = "telemetry-http-source";
    public static final String UNBUNDLE_SOURCE = "telemetry-unbundle-source";
    public static final String S3_SINK = "telemetry-s3-sink";
    public static final String ES_SINK = "telemetry-es-sink";

    private static TestStack shared;

    private final EmbeddedConnectCluster connect;
    private final ObjectStore objectStore;
    private final SearchNode search;
    private final int ingestPort;

    private TestStack() throws Exception {
        CompletableFuture<SearchNode> searchStarting = CompletableFuture.supplyAsync(SearchNode::shared);
        objectStore = ObjectStore.start();
        objectStore.createBucket(BUCKET);

        connect = ConnectClusters.start("telemetry-it", 1, Map.of(
                "connector.client.config.override.policy", "All",
                "rest.extension.classes", "org.egov.telemetry.console.TelemetryConsoleExtension"));
        for (String topic : new String[] {BATCH_TOPIC, EVENT_TOPIC, FAILED_TOPIC, DUPLICATE_TOPIC}) {
            connect.kafka().createTopic(topic, 1);
        }
        search = searchStarting.get();
        ingestPort = FreePorts.next();
        registerPipeline();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-stack-stop"));
    }

    public static synchronized TestStack shared() {
        if (shared == null) {
            try {
                shared = new TestStack();
            } catch (Exception e) {
                throw new IllegalStateException("The integration test stack did not start", e);
            }
        }
        return shared;
    }

    private void registerPipeline() throws InterruptedException {
        String bootstrap = connect.kafka().bootstrapServers();
        connect.configureConnector(HTTP_SOURCE, ConnectorFiles.config(HTTP_SOURCE,
                Map.of("http.port", Integer.toString(ingestPort))));
        connect.configureConnector(UNBUNDLE_SOURCE, ConnectorFiles.config(UNBUNDLE_SOURCE,
                Map.of("input.bootstrap.servers", bootstrap)));
        connect.configureConnector(S3_SINK, ConnectorFiles.config(S3_SINK,
                Map.of("store.url", objectStore.uri().toString())));
        connect.configureConnector(ES_SINK, ConnectorFiles.config(ES_SINK,
                Map.of("connection.url", search.url())));
        for (String name : new String[] {HTTP_SOURCE, UNBUNDLE_SOURCE, S3_SINK, ES_SINK}) {
            connect.assertions().assertConnectorAndExactlyNumTasksAreRunning(name, 1, name + " did not start");
        }
    }

    public EmbeddedConnectCluster connect() {
        return connect;
    }

    public ObjectStore objectStore() {
        return objectStore;
    }

    public SearchNode search() {
        return search;
    }

    public String ingestUrl(String path) {
        return "http://127.0.0.1:" + ingestPort + path;
    }

    private void stop() {
        try {
            connect.stop();
        } finally {
            objectStore.close();
        }
    }
}
