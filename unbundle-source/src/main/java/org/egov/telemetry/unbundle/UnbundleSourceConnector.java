package org.egov.telemetry.unbundle;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.egov.telemetry.core.ConfigResults;
import org.egov.telemetry.core.TransformChecks;
import org.egov.telemetry.core.Version;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Unbundles telemetry batches: consumes the batch topic and emits one record per event. A source
 * connector rather than an SMT because one batch becomes many records. Supports exactly-once delivery.
 */
public class UnbundleSourceConnector extends SourceConnector {

    static final String TASK_PARTITIONS = "task.partitions";
    static final String TASK_ID = "task.id";

    private Map<String, String> props;
    private Admin admin;
    private InputPartitionWatch watch;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        UnbundleSourceConfig config = new UnbundleSourceConfig(props);
        config.ensureConsistent();
        this.props = Map.copyOf(props);
        this.admin = Admin.create(config.inputClientConfig());
        try {
            List<Integer> partitions = partitionsOf(config, 30);
            watch = new InputPartitionWatch(props.getOrDefault("name", "unbundle"), config.inputTopic(), partitions,
                    () -> partitionsOf(config, 10), context::requestTaskReconfiguration,
                    config.partitionCheckIntervalMs());
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            throw e;
        }
    }

    /** The input topic's partitions, sorted. */
    private List<Integer> partitionsOf(UnbundleSourceConfig config, int timeoutSeconds) {
        try {
            TopicDescription description = admin.describeTopics(List.of(config.inputTopic()))
                    .allTopicNames().get(timeoutSeconds, TimeUnit.SECONDS).get(config.inputTopic());
            return description.partitions().stream().map(TopicPartitionInfo::partition).sorted()
                    .collect(Collectors.toList());
        } catch (ExecutionException | TimeoutException e) {
            throw new ConnectException("Could not describe input topic '" + config.inputTopic() + "' at "
                    + config.inputClientConfig().get("bootstrap.servers") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while describing input topic " + config.inputTopic(), e);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return UnbundleSourceTask.class;
    }

    /** Spreads the input partitions round-robin over at most {@code maxTasks} tasks. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Integer> partitions = watch.partitions();
        int tasks = Math.min(maxTasks, partitions.size());
        List<List<Integer>> shares = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < partitions.size(); i++) {
            shares.get(i % tasks).add(partitions.get(i));
        }
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_PARTITIONS, shares.get(i).stream().map(String::valueOf).collect(Collectors.joining(",")));
            task.put(TASK_ID, props.getOrDefault("name", "unbundle") + "-" + i);
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        if (watch != null) {
            watch.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Adds the configuration's checks across keys ({@link UnbundleSourceConfig#problems()}) to the per-key ones;
     * the chain's transformations check the keys Connect does not declare for them, such as smt-enrich's lookups
     * ({@link TransformChecks}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (ConfigResults.eachKeyValid(result)) {
            ConfigResults.addErrors(result, new UnbundleSourceConfig(connectorConfigs).problems());
        }
        TransformChecks.addTo(result, connectorConfigs);
        return result;
    }

    @Override
    public ConfigDef config() {
        return UnbundleSourceConfig.CONFIG_DEF;
    }

    /** Source offsets are input offsets, so with an exactly-once worker every event is written once. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
