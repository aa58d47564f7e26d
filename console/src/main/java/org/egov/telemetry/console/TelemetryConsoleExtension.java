package org.egov.telemetry.console;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.health.ConnectClusterState;
import org.apache.kafka.connect.health.ConnectorHealth;
import org.apache.kafka.connect.health.TaskState;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.egov.telemetry.core.SourceOffsetsTail;
import org.egov.telemetry.core.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline console, a Connect REST extension (KIP-285): enable it on every worker with
 * {@code rest.extension.classes=org.egov.telemetry.console.TelemetryConsoleExtension}. It serves
 * {@code /telemetry/} (a page), {@code /telemetry/pipeline} (JSON) and {@code /telemetry/metrics} (Prometheus
 * text) on the worker's REST port. Its Kafka clients take the worker's own connection settings (bootstrap
 * servers, security), so it sees what the worker sees.
 */
public class TelemetryConsoleExtension implements ConnectRestExtension {

    static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(TelemetryConsoleExtension.class);
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private Map<String, ?> workerConfig = Map.of();
    private PipelineSampler sampler;

    @Override
    public void configure(Map<String, ?> configs) {
        this.workerConfig = Map.copyOf(configs);
    }

    @Override
    public void register(ConnectRestExtensionContext context) {
        ConnectClusterState cluster = context.clusterState();
        String offsetsTopic = String.valueOf(workerConfig.get("offset.storage.topic"));
        sampler = new PipelineSampler(() -> configs(cluster), offsetsTopic,
                Admin.create(clientProps(AdminClientConfig.configNames())),
                topic -> new SourceOffsetsTail(consumer(), topic), new ReasonTally(consumer()));
        sampler.start(SAMPLE_INTERVAL);
        context.configurable().register(new ConsoleResource(() -> PipelineView.of(sampler.snapshot(),
                statuses(cluster))));
        log.info("Telemetry pipeline console at /telemetry/ on this worker's REST port");
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = clientProps(ConsumerConfig.configNames());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The worker's settings that the given client understands (connection and security), and a client id. */
    Map<String, Object> clientProps(Set<String> names) {
        Map<String, Object> props = new HashMap<>();
        workerConfig.forEach((key, value) -> {
            if (names.contains(key) && value != null) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetry-console-" + CLIENTS.incrementAndGet());
        return props;
    }

    private static Map<String, Map<String, String>> configs(ConnectClusterState cluster) {
        Map<String, Map<String, String>> configs = new TreeMap<>();
        for (String name : cluster.connectors()) {
            try {
                configs.put(name, cluster.connectorConfig(name));
            } catch (RuntimeException deletedMeanwhile) {
                // the next sample will not list it
            }
        }
        return configs;
    }

    private static Map<String, ConnectorStatus> statuses(ConnectClusterState cluster) {
        Map<String, ConnectorStatus> statuses = new LinkedHashMap<>();
        for (String name : new java.util.TreeSet<>(cluster.connectors())) {
            try {
                ConnectorHealth health = cluster.connectorHealth(name);
                Map<Integer, String> tasks = new TreeMap<>();
                Map<Integer, String> workers = new TreeMap<>();
                for (Map.Entry<Integer, TaskState> task : health.tasksState().entrySet()) {
                    tasks.put(task.getKey(), task.getValue().state());
                    workers.put(task.getKey(), task.getValue().workerId());
                }
                statuses.put(name, new ConnectorStatus(name, String.valueOf(health.type()).toLowerCase(
                        java.util.Locale.ROOT), health.connectorState().state(), health.connectorState().workerId(),
                        tasks, workers));
            } catch (RuntimeException unknownYet) {
                // no status written yet
            }
        }
        return statuses;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
